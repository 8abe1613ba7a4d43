CREATE TABLE "creator_orders" (
	"org_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"order_id" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"order_type" text DEFAULT 'normal' NOT NULL,
	"status" text,
	"merchant_shop_id" text,
	"merchant_shop_name" text,
	"product_id" text,
	"product_name" text,
	"quantity" integer,
	"amount" numeric(14, 2),
	"refund_amount" numeric(14, 2),
	"delivered_at" timestamp with time zone,
	"aftersale_status" text,
	"aftersale_id" text,
	"aftersale_type" text,
	"aftersale_reason" text,
	"aftersale_reason_category" text DEFAULT 'other' NOT NULL,
	"aftersale_applied_at" timestamp with time zone,
	"aftersale_completed_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"product_stars" smallint,
	"logistics_stars" smallint,
	"service_stars" smallint,
	"last_import_id" uuid,
	"created_import_id" uuid,
	"exported_at" timestamp with time zone,
	CONSTRAINT "creator_orders_org_id_creator_id_order_id_pk" PRIMARY KEY("org_id","creator_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "import_row_changes" ALTER COLUMN "shop_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ALTER COLUMN "shop_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_row_changes" ADD COLUMN "creator_id" uuid;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "creator_id" uuid;--> statement-breakpoint
ALTER TABLE "creator_orders" ADD CONSTRAINT "creator_orders_org_id_creator_id_creators_org_id_id_fk" FOREIGN KEY ("org_id","creator_id") REFERENCES "public"."creators"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_orders_merchant" ON "creator_orders" USING btree ("org_id","creator_id","merchant_shop_id");--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_org_id_creator_id_creators_org_id_id_fk" FOREIGN KEY ("org_id","creator_id") REFERENCES "public"."creators"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_creator_created" ON "imports" USING btree ("org_id","creator_id","created_at");--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_one_owner" CHECK (("imports"."shop_id" is null) <> ("imports"."creator_id" is null));