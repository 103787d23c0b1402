CREATE INDEX `insight_open_idx` ON `academic_requests` (`status`,`submitted_at`,`position`,`university_id`);--> statement-breakpoint
CREATE INDEX `insight_submitted_idx` ON `academic_requests` (`submitted_at`,`position`,`university_id`);--> statement-breakpoint
CREATE INDEX `insight_finished_idx` ON `academic_requests` (`status`,`finished_at`,`position`,`university_id`,`submitted_at`,`id`);--> statement-breakpoint
CREATE INDEX `insight_waiting_idx` ON `academic_requests` (`status`,`status_since`,`position`,`university_id`);