CREATE TABLE "entity_annotations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"day" date NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_annotations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "first_fact_day" date;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "last_fact_day" date;--> statement-breakpoint
ALTER TABLE "entity_annotations" ADD CONSTRAINT "entity_annotations_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entity_annotations_entity_day" ON "entity_annotations" USING btree ("org_id","entity_kind","entity_id","day");