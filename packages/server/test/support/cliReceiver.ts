// What a CLI test file whose commands deliver webhooks sets up once: a
// Workspace for its databases and files, and a local Receiver the endpoints
// it creates deliver to.
import { after, before } from "node:test";
import { Receiver } from "../../src/modules/webhooks/tests/receiver.js";
import { Workspace } from "./cli.js";

export interface CliWithReceiver {
  readonly workspace: Workspace;
  /** The workspace's directory: where commands run. */
  readonly dir: string;
  readonly receiver: Receiver;
}

/**
 * Registers the file's before/after hooks and returns what they set up (read
 * it inside tests, once the before hook has run). `cleanup` runs after the
 * receiver is closed and before the workspace is removed.
 */
export function workspaceWithReceiver(cleanup?: () => Promise<void>): CliWithReceiver {
  const state: { workspace?: Workspace; receiver?: Receiver } = {};
  before(async () => {
    state.workspace = new Workspace();
    state.receiver = await Receiver.start();
  });
  after(async () => {
    await state.receiver?.close();
    await cleanup?.();
    state.workspace?.remove();
  });
  return {
    get workspace() {
      return state.workspace!;
    },
    get dir() {
      return state.workspace!.dir;
    },
    get receiver() {
      return state.receiver!;
    },
  };
}
