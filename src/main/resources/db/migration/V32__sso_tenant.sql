-- A provider shared by several districts (one ClassLink app, Google's or Microsoft's common issuer)
-- says which tenant a sign-in belongs to in a claim (ClassLink TenantId, Google hd, Microsoft tid): when
-- set, a sign-in must carry this district's value there, so that a person of another district whose
-- roster id happens to repeat here is never taken for one of ours.
ALTER TABLE district_sso ADD COLUMN tenant_claim text;
ALTER TABLE district_sso ADD COLUMN tenant_value text;
ALTER TABLE district_sso ADD CHECK ((tenant_claim IS NULL) = (tenant_value IS NULL));
