/** The application API of the to-do list (待办事项). Spread into OPERATIONS. */
import { z } from 'zod';
import type { Returns } from './operations';
import { id, typeError } from './primitives';
import { TODO_KINDS, type TodoList } from './todoDto';

/** operations.ts's `returns`, here without a runtime import of operations.ts (which spreads this map). */
const returns = <T>(): Returns<T> => ({});

export const TODO_OPERATIONS = {
  'todo.list': {
    doc: "What needs the clerk (待办事项) for one unit or every unit of the window, from this machine's batches and the unit's record pulled from the association; each item says where it is done.",
    input: z.strictObject({
      unitId: id.optional(),
      kinds: z.array(z.enum(TODO_KINDS, { error: typeError(`必须是以下之一：${TODO_KINDS.join('、')}`) })).max(TODO_KINDS.length).optional(),
    }),
    output: returns<TodoList>(),
  },
} as const;
