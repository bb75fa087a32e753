/**
 * The only bridge between the sandboxed window and the main process: three functions,
 * no Node, no ipcRenderer handed out. Inputs are validated again in the main process.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IPC_CALL, IPC_EVENT, IPC_PRINT, type BridgeAnswer, type HuzhuBridge } from '../shared/api/bridge';

const bridge: HuzhuBridge = {
  call: (operation, input) => ipcRenderer.invoke(IPC_CALL, operation, input) as Promise<BridgeAnswer>,
  onEvent(listener) {
    const forward = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT, forward);
  },
  print: (pdfBase64) => ipcRenderer.invoke(IPC_PRINT, pdfBase64) as Promise<{ ok: boolean; reason?: string }>,
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
