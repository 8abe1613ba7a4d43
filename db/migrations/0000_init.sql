CREATE TABLE "accounts" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "categories_name_zh_unique" UNIQUE("name_zh"),
	CONSTRAINT "categories_name_en_unique" UNIQUE("name_en")
);
--> statement-breakpoint
CREATE TABLE "rule_sets" (
	"name" text PRIMARY KEY NOT NULL,
	"entity_kind" text NOT NULL,
	"definition" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"target" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text,
	"role" text NOT NULL,
	"shop_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"limited_to_grants" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"org_id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'brand' NOT NULL,
	"benchmarking" boolean DEFAULT true NOT NULL,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creators" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"platform" text DEFAULT 'douyin' NOT NULL,
	"external_id" text NOT NULL,
	"handle" text,
	"name" text NOT NULL,
	"category_code" text NOT NULL,
	"rule_set" text DEFAULT 'douyin-creator-v1' NOT NULL,
	"rollup_version" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creators_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "membership_shop_grants" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	CONSTRAINT "membership_shop_grants_org_id_user_id_shop_id_pk" PRIMARY KEY("org_id","user_id","shop_id")
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"platform" text DEFAULT 'douyin' NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"category_code" text NOT NULL,
	"opened_at" date,
	"rule_set" text DEFAULT 'douyin-shop-v1' NOT NULL,
	"rollup_version" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shops_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "after_sales" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"aftersale_id" text NOT NULL,
	"order_id" text NOT NULL,
	"type" text,
	"reason" text,
	"reason_category" text DEFAULT 'other' NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"exempt" boolean DEFAULT false NOT NULL,
	"last_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "after_sales_org_id_shop_id_aftersale_id_pk" PRIMARY KEY("org_id","shop_id","aftersale_id")
);
--> statement-breakpoint
CREATE TABLE "chats" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"customer_turns" integer NOT NULL,
	"turns_answered_within_3min" integer NOT NULL,
	"rating" smallint,
	"last_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "chats_org_id_shop_id_session_id_pk" PRIMARY KEY("org_id","shop_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"case_id" text NOT NULL,
	"order_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"merchant_responsible" boolean,
	"last_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "complaints_org_id_shop_id_case_id_pk" PRIMARY KEY("org_id","shop_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"order_type" text DEFAULT 'normal' NOT NULL,
	"status" text,
	"shipped_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"amount" numeric(14, 2),
	"author_id" text,
	"product_id" text,
	"product_name" text,
	"sku" text,
	"quantity" integer,
	"aftersale_status" text,
	"cancel_reason" text,
	"province" text,
	"carrier" text,
	"last_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "orders_org_id_shop_id_order_id_pk" PRIMARY KEY("org_id","shop_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "reason_category_overrides" (
	"org_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"category" text NOT NULL,
	CONSTRAINT "reason_category_overrides_org_id_reason_pk" PRIMARY KEY("org_id","reason")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"product_stars" smallint,
	"logistics_stars" smallint,
	"service_stars" smallint,
	"content" text,
	"last_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "reviews_org_id_shop_id_order_id_reviewed_at_pk" PRIMARY KEY("org_id","shop_id","order_id","reviewed_at")
);
--> statement-breakpoint
CREATE TABLE "daily_rollups" (
	"org_id" uuid NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"day" date NOT NULL,
	"visible_day" date NOT NULL,
	"valid_orders" integer DEFAULT 0 NOT NULL,
	"product_reviews" integer DEFAULT 0 NOT NULL,
	"product_good" integer DEFAULT 0 NOT NULL,
	"logistics_reviews" integer DEFAULT 0 NOT NULL,
	"logistics_good" integer DEFAULT 0 NOT NULL,
	"service_reviews" integer DEFAULT 0 NOT NULL,
	"service_good" integer DEFAULT 0 NOT NULL,
	"quality_returns" integer DEFAULT 0 NOT NULL,
	"delivered_orders" integer DEFAULT 0 NOT NULL,
	"delivery_hours_sum" double precision DEFAULT 0 NOT NULL,
	"transit_orders" integer DEFAULT 0 NOT NULL,
	"transit_hours_sum" double precision DEFAULT 0 NOT NULL,
	"pickup_due" integer DEFAULT 0 NOT NULL,
	"pickup_on_time" integer DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"merchant_disputes" integer DEFAULT 0 NOT NULL,
	"chat_turns" integer DEFAULT 0 NOT NULL,
	"chat_turns_answered" integer DEFAULT 0 NOT NULL,
	"refund_only_completed" integer DEFAULT 0 NOT NULL,
	"refund_only_hours_sum" double precision DEFAULT 0 NOT NULL,
	"return_refund_completed" integer DEFAULT 0 NOT NULL,
	"return_refund_hours_sum" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_rollups_org_id_entity_kind_entity_id_day_visible_day_pk" PRIMARY KEY("org_id","entity_kind","entity_id","day","visible_day")
);
--> statement-breakpoint
CREATE TABLE "dimension_weight_overrides" (
	"org_id" uuid NOT NULL,
	"rule_set" text NOT NULL,
	"category_code" text NOT NULL,
	"weights" jsonb NOT NULL,
	CONSTRAINT "dimension_weight_overrides_org_id_rule_set_category_code_pk" PRIMARY KEY("org_id","rule_set","category_code")
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"org_id" uuid NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"day" date NOT NULL,
	"rollup_version" integer NOT NULL,
	"category_code" text NOT NULL,
	"valid_orders" integer NOT NULL,
	"values" double precision[] NOT NULL,
	"detail" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_values_org_id_entity_kind_entity_id_day_pk" PRIMARY KEY("org_id","entity_kind","entity_id","day")
);
--> statement-breakpoint
CREATE TABLE "score_snapshots" (
	"org_id" uuid NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"rule_set" text NOT NULL,
	"day" date NOT NULL,
	"state" text NOT NULL,
	"valid_orders" integer NOT NULL,
	"overall" double precision,
	"beats_percent" double precision,
	"result" jsonb NOT NULL,
	"rollup_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_snapshots_org_id_entity_kind_entity_id_rule_set_day_pk" PRIMARY KEY("org_id","entity_kind","entity_id","rule_set","day")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creators" ADD CONSTRAINT "creators_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creators" ADD CONSTRAINT "creators_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_shop_grants" ADD CONSTRAINT "membership_shop_grants_org_id_user_id_memberships_org_id_user_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_shop_grants" ADD CONSTRAINT "membership_shop_grants_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops" ADD CONSTRAINT "shops_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shops" ADD CONSTRAINT "shops_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "after_sales" ADD CONSTRAINT "after_sales_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats" ADD CONSTRAINT "chats_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_attempts_email_at" ON "login_attempts" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at" ON "login_attempts" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_org_at" ON "audit_log" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token" ON "invitations" USING btree ("org_id","token_hash");--> statement-breakpoint
CREATE INDEX "memberships_user" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "creators_external" ON "creators" USING btree ("org_id","platform","external_id");--> statement-breakpoint
CREATE INDEX "creators_org_category" ON "creators" USING btree ("org_id","category_code");--> statement-breakpoint
CREATE UNIQUE INDEX "shops_external" ON "shops" USING btree ("org_id","platform","external_id");--> statement-breakpoint
CREATE INDEX "shops_org_category" ON "shops" USING btree ("org_id","category_code");--> statement-breakpoint
CREATE INDEX "after_sales_order" ON "after_sales" USING btree ("org_id","shop_id","order_id");--> statement-breakpoint
CREATE INDEX "orders_shop_paid" ON "orders" USING btree ("org_id","shop_id","paid_at");--> statement-breakpoint
CREATE INDEX "orders_author" ON "orders" USING btree ("org_id","author_id");--> statement-breakpoint
CREATE INDEX "indicator_values_day" ON "indicator_values" USING btree ("day","entity_kind","category_code");