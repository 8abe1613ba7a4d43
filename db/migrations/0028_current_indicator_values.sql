CREATE TABLE "current_indicator_values" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"rule_set" text NOT NULL,
	"day" date NOT NULL,
	"facts_version" integer NOT NULL,
	"category_code" text NOT NULL,
	"eligible" boolean NOT NULL,
	"values" double precision[] NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "current_indicator_values_org_id_shop_id_rule_set_day_pk" PRIMARY KEY("org_id","shop_id","rule_set","day")
);
--> statement-breakpoint
ALTER TABLE "current_indicator_values" ADD CONSTRAINT "current_indicator_values_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "current_indicator_values_day" ON "current_indicator_values" USING btree ("rule_set","day","category_code");