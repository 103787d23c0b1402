CREATE TABLE `duration_estimates` (
	`position` text NOT NULL,
	`status` text NOT NULL,
	`samples` integer NOT NULL,
	`low_days` integer,
	`high_days` integer,
	`p80_days` integer,
	`basis_finished_at` integer,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`position`, `status`)
);
--> statement-breakpoint
CREATE TABLE `queue_buckets` (
	`bucket` integer PRIMARY KEY NOT NULL,
	`waiting` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `requests_queue_idx`;--> statement-breakpoint
ALTER TABLE `academic_requests` ADD `queue_seq` integer;--> statement-breakpoint
CREATE INDEX `requests_queue_seq_idx` ON `academic_requests` (`queue_seq`);--> statement-breakpoint
CREATE INDEX `requests_status_submitted_idx` ON `academic_requests` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `requests_submitted_idx` ON `academic_requests` (`submitted_at`);--> statement-breakpoint
-- Existing queued requests keep their order (queue_entered_at, id); 256 = QUEUE_BUCKET in src/domain/queue.ts.
UPDATE `academic_requests` SET `queue_seq` = q.`rn` FROM (
	SELECT `id`, row_number() OVER (ORDER BY `queue_entered_at`, `id`) AS `rn` FROM `academic_requests` WHERE `queue_entered_at` IS NOT NULL
) AS q WHERE `academic_requests`.`id` = q.`id`;--> statement-breakpoint
INSERT INTO `queue_buckets` (`bucket`, `waiting`)
	SELECT `queue_seq` / 256, count(*) FROM `academic_requests` WHERE `queue_seq` IS NOT NULL GROUP BY `queue_seq` / 256;
