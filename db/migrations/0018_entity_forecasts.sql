CREATE TABLE "entity_forecasts" (
	"org_id" uuid NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"rule_set" text NOT NULL,
	"made_for_day" date NOT NULL,
	"current_overall" double precision,
	"days" jsonb NOT NULL,
	"crossings" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_forecasts_org_id_entity_kind_entity_id_pk" PRIMARY KEY("org_id","entity_kind","entity_id")
);
--> statement-breakpoint
ALTER TABLE "entity_forecasts" ADD CONSTRAINT "entity_forecasts_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;