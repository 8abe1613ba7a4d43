CREATE TABLE "directory_card_days" (
	"org_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"day" date NOT NULL,
	"overall" double precision,
	"dim_product" double precision,
	"dim_logistics" double precision,
	"dim_service" double precision,
	"good_review_rate" double precision,
	"trend_30" double precision,
	"trend_90" double precision,
	"trend" text,
	"indicators" jsonb,
	CONSTRAINT "directory_card_days_org_id_card_id_day_pk" PRIMARY KEY("org_id","card_id","day")
);
--> statement-breakpoint
CREATE TABLE "directory_cards" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"fields" text[] NOT NULL,
	"category_code" text,
	"rule_set" text,
	"contact" text,
	"score_decimals" smallint DEFAULT 2 NOT NULL,
	"day" date,
	"overall" double precision,
	"dim_product" double precision,
	"dim_logistics" double precision,
	"dim_service" double precision,
	"good_review_rate" double precision,
	"trend_30" double precision,
	"trend_90" double precision,
	"trend" text,
	"indicators" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_cards_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"message_key" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "saved_search_hits" (
	"org_id" uuid NOT NULL,
	"search_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_search_hits_org_id_search_id_card_id_kind_pk" PRIMARY KEY("org_id","search_id","card_id","kind")
);
--> statement-breakpoint
CREATE TABLE "saved_searches" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"bar" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saved_searches_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "shortlist_items" (
	"org_id" uuid NOT NULL,
	"shortlist_id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'to_contact' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shortlist_items_org_id_shortlist_id_card_id_pk" PRIMARY KEY("org_id","shortlist_id","card_id")
);
--> statement-breakpoint
CREATE TABLE "shortlists" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shortlists_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "directory_card_days" ADD CONSTRAINT "directory_card_days_org_id_card_id_directory_cards_org_id_id_fk" FOREIGN KEY ("org_id","card_id") REFERENCES "public"."directory_cards"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_cards" ADD CONSTRAINT "directory_cards_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_search_hits" ADD CONSTRAINT "saved_search_hits_org_id_search_id_saved_searches_org_id_id_fk" FOREIGN KEY ("org_id","search_id") REFERENCES "public"."saved_searches"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_items" ADD CONSTRAINT "shortlist_items_org_id_shortlist_id_shortlists_org_id_id_fk" FOREIGN KEY ("org_id","shortlist_id") REFERENCES "public"."shortlists"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_card_days_card_day" ON "directory_card_days" USING btree ("card_id","day");--> statement-breakpoint
CREATE INDEX "directory_cards_id" ON "directory_cards" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_cards_entity" ON "directory_cards" USING btree ("org_id","entity_kind","entity_id");--> statement-breakpoint
CREATE INDEX "directory_cards_kind_overall" ON "directory_cards" USING btree ("entity_kind","overall");--> statement-breakpoint
CREATE INDEX "directory_cards_category_overall" ON "directory_cards" USING btree ("category_code","overall");--> statement-breakpoint
CREATE INDEX "directory_cards_kind_good_review" ON "directory_cards" USING btree ("entity_kind","good_review_rate");--> statement-breakpoint
CREATE INDEX "notifications_user_unread" ON "notifications" USING btree ("org_id","user_id","read_at");--> statement-breakpoint
CREATE INDEX "shortlist_items_card" ON "shortlist_items" USING btree ("org_id","card_id");