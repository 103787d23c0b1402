CREATE TABLE `export_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`kind` text NOT NULL,
	`filters` text NOT NULL,
	`status` text NOT NULL,
	`rows_done` integer DEFAULT 0 NOT NULL,
	`rows_total` integer NOT NULL,
	`cursor` text,
	`parts` integer DEFAULT 0 NOT NULL,
	`zip` text,
	`file_key` text NOT NULL,
	`lease_until` integer,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `export_jobs_owner_idx` ON `export_jobs` (`owner_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `export_jobs_status_idx` ON `export_jobs` (`status`,`expires_at`);