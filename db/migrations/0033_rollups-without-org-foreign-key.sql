ALTER TABLE "daily_rollups" DROP CONSTRAINT "daily_rollups_org_id_organisations_org_id_fk";
