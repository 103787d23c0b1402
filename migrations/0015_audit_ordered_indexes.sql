DROP INDEX `audit_subject_idx`;--> statement-breakpoint
CREATE INDEX `audit_type_at_idx` ON `audit_events` (`subject_type`,`at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_events` (`action`,`at`);--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_events` (`subject_type`,`subject_id`,`at`);