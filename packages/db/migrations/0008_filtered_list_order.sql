DROP INDEX "investment_projects_zone_idx";--> statement-breakpoint
DROP INDEX "scenario_items_zone_idx";--> statement-breakpoint
CREATE INDEX "investment_projects_zone_idx" ON "investment_projects" USING btree ("zone_id","stage","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "scenario_items_zone_idx" ON "scenario_items" USING btree ("zone_id","state","kind","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);