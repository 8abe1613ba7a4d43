CREATE TABLE "voc_keywords" (
	"org_id" uuid NOT NULL,
	"problem_type" text NOT NULL,
	"term" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voc_keywords_org_id_problem_type_term_pk" PRIMARY KEY("org_id","problem_type","term")
);
--> statement-breakpoint
ALTER TABLE "voc_keywords" ADD CONSTRAINT "voc_keywords_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;