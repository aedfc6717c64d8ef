// The server's own requests and notifications (docs/protocol.md), as the client sends and receives them.
// Types only come from the server: nothing of it runs here.
import type { Checklist } from '../../server/src/engine/workspace/checklist';

export type { Checklist, ChecklistFailure, ChecklistItem, ChecklistSection } from '../../server/src/engine/workspace/checklist';

export const CHECKLIST_REQUEST = 'kubeProd/checklist';
export const CHECKLIST_CHANGED_NOTIFICATION = 'kubeProd/checklistChanged';
export const SET_MANUAL_ITEM_REQUEST = 'kubeProd/setManualItem';
export const FIX_ALL_REQUEST = 'kubeProd/fixAll';

export interface ChecklistParams {
  folderUri?: string;
}

export interface ChecklistChangedParams {
  folderUri: string;
}

export interface SetManualItemParams extends ChecklistParams {
  itemId: string;
  done: boolean;
  by?: string;
  date?: string;
}

export interface FixAllParams {
  uri: string;
}

export type ChecklistResult = Checklist;

/** Diagnostics of ours carry this source (their code is the rule id). */
export const DIAGNOSTIC_SOURCE = 'kube-prod';

/** The view and its container, as package.json declares them. */
export const CHECKLIST_VIEW_ID = 'kubeProd.checklist';
