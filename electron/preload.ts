/**
 * The only bridge between the sandboxed window and the main process: four functions,
 * no Node, no ipcRenderer handed out. Inputs are validated again in the main process.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IPC_CALL, IPC_EVENT, IPC_PRINT, IPC_PRINTERS, type BridgeAnswer, type HuzhuBridge, type PrinterInfo } from '../shared/api/bridge';

const bridge: HuzhuBridge = {
  call: (operation, input) => ipcRenderer.invoke(IPC_CALL, operation, input) as Promise<BridgeAnswer>,
  onEvent(listener) {
    const forward = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT, forward);
  },
  print: (pdfBase64, options) => ipcRenderer.invoke(IPC_PRINT, pdfBase64, options) as Promise<{ ok: boolean; reason?: string }>,
  printers: () => ipcRenderer.invoke(IPC_PRINTERS) as Promise<PrinterInfo[]>,
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
