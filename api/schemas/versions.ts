/**
 * Request and response schemas of migrating instances between versions, moving an instance, and the
 * stores' business calendars.
 */
import { z } from '@hono/zod-openapi';

/** Text a person typed: PostgreSQL refuses NUL characters in text, so they are refused here. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

const statePath = text(200).min(1).openapi({ example: 'managerReview' });

const MappingSchema = z
  .record(statePath, statePath)
  .openapi({ description: 'Old state (dotted path) → new state', example: { review: 'managerReview' } });

export const MigrateInstanceSchema = z
  .object({
    toVersion: z.number().int().min(1).max(2_147_483_647),
    mapping: MappingSchema,
    dryRun: z.boolean().optional(),
    comment: text(2000).optional(),
  })
  .openapi('MigrateInstance');

export const MigrateWorkflowSchema = MigrateInstanceSchema.extend({
  fromVersion: z.number().int().min(1).max(2_147_483_647).optional(),
  instanceIds: z.array(z.uuid()).min(1).max(10_000).optional(),
}).openapi('MigrateWorkflow');

export const MigrationReportSchema = z
  .object({
    workflowKey: z.string(),
    toVersion: z.number().int(),
    dryRun: z.boolean(),
    total: z.number().int(),
    items: z.array(
      z.object({
        instanceId: z.string(),
        businessKey: z.string().nullable(),
        fromVersion: z.number().int(),
        from: z.string(),
        to: z.string(),
      }),
    ),
  })
  .openapi('MigrationReport');

export const MoveInstanceSchema = z
  .object({ state: statePath, reason: text(2000).min(1) })
  .openapi('MoveInstance');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:mm');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const BusinessCalendarSchema = z
  .object({
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    workingHours: z
      .array(z.object({ start: hhmm, end: hhmm }))
      .min(1)
      .max(6)
      .superRefine((periods, ctx) => {
        let last = '';
        periods.forEach((p, i) => {
          if (p.end <= p.start)
            ctx.addIssue({ code: 'custom', path: [i, 'end'], message: 'must be after start' });
          else if (p.start < last)
            ctx.addIssue({
              code: 'custom',
              path: [i, 'start'],
              message: 'periods must be in order and not overlap',
            });
          last = p.end;
        });
      }),
    weekend: z.array(z.number().int().min(0).max(6)).max(6),
    holidays: z.array(date).max(1000),
    workdays: z.array(date).max(1000),
  })
  .openapi('BusinessCalendar');

export const CalendarViewSchema = z
  .object({
    storeId: z.string(),
    calendar: BusinessCalendarSchema,
    custom: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('StoreCalendar');

export const StoreParamSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'BJ01' }),
});
