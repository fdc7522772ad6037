import type { OpenEnum } from "../../types/enums.js";
import type { BenefitType } from "./benefittype.js";

export type BenefitGrantDiscordProperties = {
  accountId?: string | null | undefined;
  guildId?: string | undefined;
  roleId?: string | undefined;
  grantedAccountId?: string | undefined;
};

export type BenefitGrantGitHubRepositoryPropertiesPermission = OpenEnum<"pull" | "triage" | "push" | "maintain" | "admin">;

export type BenefitGrantGitHubRepositoryProperties = {
  accountId?: string | null | undefined;
  repositoryOwner?: string | undefined;
  repositoryName?: string | undefined;
  permission?: BenefitGrantGitHubRepositoryPropertiesPermission | undefined;
  grantedAccountId?: string | undefined;
};

export type BenefitGrantDownloadablesProperties = { files?: string[] | undefined };

export type BenefitGrantLicenseKeysProperties = {
  userProvidedKey?: string | undefined;
  licenseKeyId?: string | undefined;
  displayKey?: string | undefined;
};

export type BenefitGrantSlackSharedChannelProperties = {
  invitedEmail?: string | undefined;
  channelId?: string | undefined;
  channelName?: string | undefined;
  inviteId?: string | undefined;
  inviteUrl?: string | undefined;
  connectedTeamId?: string | undefined;
};

export type BenefitGrantCustomProperties = {};
export type BenefitGrantFeatureFlagProperties = {};

export type Properties =
  | BenefitGrantDiscordProperties
  | BenefitGrantGitHubRepositoryProperties
  | BenefitGrantDownloadablesProperties
  | BenefitGrantLicenseKeysProperties
  | BenefitGrantSlackSharedChannelProperties
  | BenefitGrantCustomProperties
  | BenefitGrantFeatureFlagProperties;

/** A benefit the customer currently holds. */
export type CustomerStateBenefitGrant = {
  id: string;
  createdAt: Date;
  modifiedAt: Date | null;
  grantedAt: Date;
  benefitId: string;
  benefitType: BenefitType;
  benefitMetadata: { [k: string]: string | number | boolean };
  properties: Properties;
};
