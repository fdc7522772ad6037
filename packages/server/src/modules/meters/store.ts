// What the meters service needs from a database.
import type { SortKey } from "../../platform/schema/list-query.js";
import type { MeterChanges, MeterRecord, NewMeter } from "./model.js";

export type MeterSortField = "created_at" | "name";

export interface ListMetersQuery {
  /** Organizations the caller may read, already narrowed by any filter. Empty → no rows. */
  organizationIds: readonly string[];
  /** Case-insensitive substring of the name; `%` and `_` act as wildcards, as on Polar. */
  query?: string;
  isArchived?: boolean;
  metadata?: Record<string, string[]>;
  sorting: SortKey<MeterSortField>[];
  limit: number;
  offset: number;
}

export interface MeterPage {
  items: MeterRecord[];
  totalCount: number;
}

export interface MeterStore {
  /** Removes every row of one organization (test resets); the organization itself stays. */
  deleteOrganizationData(organizationId: string): Promise<void>;
  insert(meter: NewMeter): Promise<MeterRecord>;
  /** A meter (archived ones included) of one of the organizations. */
  findById(organizationIds: readonly string[], id: string): Promise<MeterRecord | undefined>;
  /** The meters among `ids` that belong to one of the organizations (archived ones included). */
  findMany(organizationIds: readonly string[], ids: readonly string[]): Promise<MeterRecord[]>;
  update(id: string, changes: MeterChanges): Promise<MeterRecord | undefined>;
  list(query: ListMetersQuery): Promise<MeterPage>;
}
