import { z } from 'zod';

/** Messages here reach front-desk staff: say what is wrong and what to do. */
const text = (label: string, max = 100) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `Enter ${label.toLowerCase()}.`)
    .max(max, `${label} is too long (at most ${max} characters).`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters).`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const empty = z.object({}).strict().default({});

export const username = z
  .string({ error: 'User name is required.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'User name: 3 to 32 letters, digits, dots, dashes or underscores.');

export const password = z
  .string({ error: 'Password is required.' })
  .min(10, 'Password must be at least 10 characters.')
  .max(200, 'Password is too long (at most 200 characters).');

export const role = z.enum(['admin', 'staff'], { error: 'Role must be admin or staff.' });

export const setupInput = z.object({
  username,
  displayName: text('Display name', 80),
  password,
});

export const loginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Enter your user name.').max(64),
  password: z.string().min(1, 'Enter your password.').max(200),
});

export const unlockInput = z.object({ password: z.string().min(1, 'Enter your password.').max(200) });

export const staffCreateInput = z.object({
  username,
  displayName: text('Display name', 80),
  role,
  password,
});

export const id = z.number({ error: 'An id number is required.' }).int().positive();
export const idInput = z.object({ id });

export const staffSetActiveInput = z.object({ id, active: z.boolean() });

export const recipientStatus = z.enum(['active', 'inactive']);

const email = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase())
  .pipe(z.union([z.literal(''), z.email('Enter a valid email address, like name@example.com.').max(254)]))
  .transform((v) => (v === '' ? null : v))
  .nullable()
  .optional();

/** The phone number as typed; the service turns it into E.164 using the site's country. */
const phone = optionalText('Phone', 40);

const recipientFields = {
  firstName: text('First name', 80),
  lastName: text('Last name', 80),
  unit: text('Unit', 20),
  email,
  phone,
};

export const recipientCreateInput = z.object(recipientFields);

export const recipientUpdateInput = z.object({ id, ...recipientFields });

export const recipientSetStatusInput = z.object({ id, status: recipientStatus });

export const recipientSearchInput = z.object({
  query: z.string().trim().max(100, 'Search is too long.').default(''),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

export const settingsUpdateInput = z
  .object({
    siteName: text('Site name', 80),
    idleLockMinutes: z
      .number({ error: 'Idle lock must be a number of minutes.' })
      .int('Idle lock must be a whole number of minutes.')
      .min(1, 'Idle lock must be at least 1 minute.')
      .max(240, 'Idle lock can be at most 240 minutes.'),
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Country must be a two-letter code such as US or CA.'),
  })
  .partial();

export const activityListInput = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  beforeId: id.optional(),
  /** Only the history of one recipient. */
  recipientId: id.optional(),
});
