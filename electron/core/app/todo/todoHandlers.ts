/** todo.*: the to-do list (待办事项). */
import type { OperationHandlers } from '../../../../shared/api';
import type { CoreContext } from '../coreContext';
import { todoList } from './todoList';

export function todoHandlers(ctx: CoreContext): Pick<OperationHandlers, 'todo.list'> {
  return {
    'todo.list': async (input) => todoList(ctx, input),
  };
}
