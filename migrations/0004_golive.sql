ALTER TABLE `eservices` ADD `golive_requested_date` text;--> statement-breakpoint
ALTER TABLE `eservices` ADD `golive_note` text;--> statement-breakpoint
ALTER TABLE `eservices` ADD `golive_batch_date` text;--> statement-breakpoint
ALTER TABLE `eservices` ADD `golive_confirmed_at` integer;--> statement-breakpoint
CREATE INDEX `eservices_batch_idx` ON `eservices` (`golive_batch_date`);