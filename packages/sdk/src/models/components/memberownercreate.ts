/** The owner member to create with a team customer (used when the organization has members on). */
export type MemberOwnerCreate = {
  email: string;
  name?: string | null | undefined;
  externalId?: string | null | undefined;
};
