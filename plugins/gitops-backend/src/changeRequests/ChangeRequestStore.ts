import { TrackedChangeRequest } from './types';

/** Where tracked change requests are kept, shared by every replica. */
export interface ChangeRequestStore {
  get(id: string): Promise<TrackedChangeRequest | undefined>;
  /** Inserts or replaces the request (the notification mark is kept). */
  save(request: TrackedChangeRequest): Promise<void>;
  /** Newest first. `open`: every state but healthy, failed and closed. */
  list(filter: {
    environmentRef?: string;
    entityRef?: string;
    state?: 'open' | 'all';
  }): Promise<TrackedChangeRequest[]>;
  /**
   * Marks a healthy or failed request's outcome as notified; true only for the first caller
   * (atomic across replicas), so the requester is told once.
   */
  claimNotification(id: string, now?: Date): Promise<boolean>;
}
