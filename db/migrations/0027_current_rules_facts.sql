CREATE TABLE "chat_turns" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"session_id" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"replied_at" timestamp with time zone,
	"replier" text,
	"last_import_id" uuid,
	"created_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "chat_turns_org_id_shop_id_session_id_asked_at_pk" PRIMARY KEY("org_id","shop_id","session_id","asked_at")
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"order_id" text NOT NULL,
	"sought_at" timestamp with time zone NOT NULL,
	"escalated" boolean,
	"escalated_at" timestamp with time zone,
	"last_import_id" uuid,
	"created_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "help_requests_org_id_shop_id_request_id_pk" PRIMARY KEY("org_id","shop_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"penalty_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type_text" text,
	"type" text DEFAULT 'other' NOT NULL,
	"revoked" boolean,
	"last_import_id" uuid,
	"created_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "penalties_org_id_shop_id_penalty_id_pk" PRIMARY KEY("org_id","shop_id","penalty_id")
);
--> statement-breakpoint
CREATE TABLE "penalty_type_overrides" (
	"org_id" uuid NOT NULL,
	"label" text NOT NULL,
	"type" text NOT NULL,
	CONSTRAINT "penalty_type_overrides_org_id_label_pk" PRIMARY KEY("org_id","label")
);
--> statement-breakpoint
CREATE TABLE "shop_services" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"service" text NOT NULL,
	"enabled_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone,
	"last_import_id" uuid,
	"created_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "shop_services_org_id_shop_id_service_enabled_at_pk" PRIMARY KEY("org_id","shop_id","service","enabled_at")
);
--> statement-breakpoint
CREATE TABLE "waybills" (
	"org_id" uuid NOT NULL,
	"shop_id" uuid NOT NULL,
	"waybill_id" text NOT NULL,
	"order_id" text NOT NULL,
	"carrier" text,
	"promised_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"delivered" boolean,
	"last_import_id" uuid,
	"created_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "waybills_org_id_shop_id_waybill_id_pk" PRIMARY KEY("org_id","shop_id","waybill_id")
);
--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "store_type" text DEFAULT 'ordinary' NOT NULL;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "refunded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "after_sales" ADD COLUMN "merchant_responsible" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "low_price" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "instant_refund" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "abnormal" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipment_anomaly" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "remote" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "next_day" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "return_insurance" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "large_item_insurance" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "onsite_install" boolean;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalty_type_overrides" ADD CONSTRAINT "penalty_type_overrides_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_services" ADD CONSTRAINT "shop_services_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waybills" ADD CONSTRAINT "waybills_org_id_shop_id_shops_org_id_id_fk" FOREIGN KEY ("org_id","shop_id") REFERENCES "public"."shops"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_requests_order" ON "help_requests" USING btree ("org_id","shop_id","order_id");--> statement-breakpoint
CREATE INDEX "waybills_order" ON "waybills" USING btree ("org_id","shop_id","order_id");