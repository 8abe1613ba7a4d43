CREATE TABLE "rollup_dirty" (
	"org_id" uuid NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"since_day" date,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_dirty_org_id_entity_kind_entity_id_pk" PRIMARY KEY("org_id","entity_kind","entity_id")
);
