import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { TaskStatus } from '@lit/task';

/** What this controller needs of a `@lit/task` Task. */
interface RunnableTask {
  readonly status: TaskStatus;
  run(): unknown;
  abort(): void;
}

/**
 * Keeps a task's work to the time its element is in the page: a run still
 * going when the element leaves is aborted (a download, an index being
 * built), and so is one that an update starts while it is out (Lit updates
 * elements that have left the page); either is run again when the element
 * comes back, also when it was moved in one go, as frameworks move nodes,
 * and the abort has not landed yet.
 */
export class ConnectedTaskController implements ReactiveController {
  /** Whether a run was cut short, to be run again on return. */
  private cut = false;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly task: RunnableTask,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.cut) void this.task.run();
    this.cut = false;
  }

  hostDisconnected(): void {
    this.hostUpdated();
  }

  hostUpdated(): void {
    if (this.host.isConnected) return;
    this.cut ||= this.task.status === TaskStatus.PENDING;
    this.task.abort();
  }
}

/** `task`, kept to the time `host` is in the page by a `ConnectedTaskController`. */
export function whileConnected<T extends RunnableTask>(host: ReactiveControllerHost & Element, task: T): T {
  new ConnectedTaskController(host, task);
  return task;
}
