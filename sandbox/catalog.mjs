/**
 * The sandbox provider's source catalog. Scope strings follow each real
 * provider's naming so the demo and tests look like what integrators meet.
 * `icon` is filled in per request from the sandbox's own origin.
 */

/** @typedef {'available' | 'beta' | 'coming_soon'} SourceStatus */
/** @typedef {{ id: string, name: string, description: string, category: string, scopes: string[], status: SourceStatus }} Source */

/** @type {readonly Source[]} */
export const SOURCES = Object.freeze([
  // code
  { id: 'github', name: 'GitHub', category: 'code', status: 'available', description: 'Repositories, issues and pull requests.', scopes: ['repo', 'read:user', 'user:email', 'read:org', 'workflow', 'gist'] },
  { id: 'gitlab', name: 'GitLab', category: 'code', status: 'available', description: 'Projects, merge requests and pipelines.', scopes: ['read_user', 'read_api', 'read_repository', 'api', 'openid'] },
  { id: 'bitbucket', name: 'Bitbucket', category: 'code', status: 'beta', description: 'Repositories and pull requests on Bitbucket Cloud.', scopes: ['account', 'repository', 'pullrequest', 'issue'] },
  { id: 'linear', name: 'Linear', category: 'code', status: 'available', description: 'Issues, projects and cycles.', scopes: ['read', 'write', 'issues:create'] },
  // music
  { id: 'spotify', name: 'Spotify', category: 'music', status: 'available', description: 'Listening history, playlists and saved tracks.', scopes: ['user-read-email', 'user-read-private', 'user-read-recently-played', 'user-top-read', 'playlist-read-private', 'user-library-read'] },
  { id: 'soundcloud', name: 'SoundCloud', category: 'music', status: 'beta', description: 'Likes, reposts and playlists.', scopes: ['non-expiring', 'playlists', 'likes'] },
  { id: 'lastfm', name: 'Last.fm', category: 'music', status: 'available', description: 'Scrobbles and listening statistics.', scopes: ['scrobbles', 'profile'] },
  { id: 'apple-music', name: 'Apple Music', category: 'music', status: 'coming_soon', description: 'Library and recently played.', scopes: ['library', 'recently-played'] },
  // fitness
  { id: 'fitbit', name: 'Fitbit', category: 'fitness', status: 'available', description: 'Activity, sleep and heart rate.', scopes: ['activity', 'heartrate', 'sleep', 'profile', 'weight', 'nutrition'] },
  { id: 'strava', name: 'Strava', category: 'fitness', status: 'available', description: 'Runs, rides and training load.', scopes: ['read', 'read_all', 'profile:read_all', 'activity:read', 'activity:read_all'] },
  { id: 'garmin', name: 'Garmin Connect', category: 'fitness', status: 'available', description: 'Activities, daily summaries and body battery.', scopes: ['activities', 'dailies', 'sleeps', 'body_composition'] },
  { id: 'polar', name: 'Polar Flow', category: 'fitness', status: 'beta', description: 'Training sessions and daily activity.', scopes: ['accesslink.read_all'] },
  { id: 'peloton', name: 'Peloton', category: 'fitness', status: 'coming_soon', description: 'Classes and workout metrics.', scopes: ['workouts', 'profile'] },
  // health
  { id: 'oura', name: 'Oura', category: 'health', status: 'available', description: 'Sleep, readiness and activity from the Oura ring.', scopes: ['email', 'personal', 'daily', 'heartrate', 'workout', 'session', 'spo2'] },
  { id: 'whoop', name: 'WHOOP', category: 'health', status: 'available', description: 'Recovery, strain and sleep.', scopes: ['read:recovery', 'read:cycles', 'read:sleep', 'read:workout', 'read:profile', 'read:body_measurement'] },
  { id: 'withings', name: 'Withings', category: 'health', status: 'available', description: 'Weight, blood pressure and sleep.', scopes: ['user.info', 'user.metrics', 'user.activity', 'user.sleepevents'] },
  { id: 'dexcom', name: 'Dexcom', category: 'health', status: 'beta', description: 'Continuous glucose readings.', scopes: ['offline_access', 'egvs', 'events'] },
  // calendar
  { id: 'google-calendar', name: 'Google Calendar', category: 'calendar', status: 'available', description: 'Calendars and events.', scopes: ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar'] },
  { id: 'outlook-calendar', name: 'Outlook Calendar', category: 'calendar', status: 'available', description: 'Microsoft 365 calendars and events.', scopes: ['Calendars.Read', 'Calendars.ReadWrite', 'User.Read', 'offline_access'] },
  { id: 'calendly', name: 'Calendly', category: 'calendar', status: 'available', description: 'Scheduled events and invitees.', scopes: ['default'] },
  // productivity
  { id: 'notion', name: 'Notion', category: 'productivity', status: 'available', description: 'Pages and databases shared with the integration.', scopes: ['read_content', 'update_content', 'insert_content', 'read_user_with_email'] },
  { id: 'todoist', name: 'Todoist', category: 'productivity', status: 'available', description: 'Projects and tasks.', scopes: ['data:read', 'data:read_write', 'task:add'] },
  { id: 'asana', name: 'Asana', category: 'productivity', status: 'available', description: 'Workspaces, projects and tasks.', scopes: ['default', 'openid', 'email', 'profile'] },
  { id: 'airtable', name: 'Airtable', category: 'productivity', status: 'beta', description: 'Bases, tables and records.', scopes: ['data.records:read', 'data.records:write', 'schema.bases:read'] },
  { id: 'evernote', name: 'Evernote', category: 'productivity', status: 'coming_soon', description: 'Notes and notebooks.', scopes: ['notes:read'] },
  // social
  { id: 'slack', name: 'Slack', category: 'social', status: 'available', description: 'Channels, messages and users.', scopes: ['channels:read', 'channels:history', 'chat:write', 'users:read', 'users:read.email'] },
  { id: 'discord', name: 'Discord', category: 'social', status: 'available', description: 'Profile and servers.', scopes: ['identify', 'email', 'guilds', 'guilds.members.read'] },
  { id: 'reddit', name: 'Reddit', category: 'social', status: 'available', description: 'Saved posts, subscriptions and history.', scopes: ['identity', 'history', 'mysubreddits', 'read', 'save'] },
  { id: 'mastodon', name: 'Mastodon', category: 'social', status: 'beta', description: 'Posts, follows and bookmarks.', scopes: ['read', 'read:accounts', 'read:statuses', 'read:bookmarks'] },
  { id: 'linkedin', name: 'LinkedIn', category: 'social', status: 'available', description: 'Profile and email address.', scopes: ['openid', 'profile', 'email', 'w_member_social'] },
  // finance
  { id: 'stripe', name: 'Stripe', category: 'finance', status: 'available', description: 'Payments, payouts and customers.', scopes: ['read_only', 'read_write'] },
  { id: 'paypal', name: 'PayPal', category: 'finance', status: 'available', description: 'Transactions and balances.', scopes: ['openid', 'email', 'https://uri.paypal.com/services/reporting/search/read'] },
  { id: 'quickbooks', name: 'QuickBooks', category: 'finance', status: 'available', description: 'Invoices, bills and accounts.', scopes: ['com.intuit.quickbooks.accounting', 'openid', 'profile', 'email'] },
  { id: 'coinbase', name: 'Coinbase', category: 'finance', status: 'coming_soon', description: 'Wallets and transactions.', scopes: ['wallet:accounts:read', 'wallet:transactions:read', 'wallet:user:read'] },
  // storage
  { id: 'dropbox', name: 'Dropbox', category: 'storage', status: 'available', description: 'Files and folders.', scopes: ['account_info.read', 'files.metadata.read', 'files.content.read', 'files.content.write'] },
  { id: 'google-drive', name: 'Google Drive', category: 'storage', status: 'available', description: 'Files the user picks or creates with the app.', scopes: ['https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/drive.readonly', 'https://www.googleapis.com/auth/drive.metadata.readonly'] },
  { id: 'onedrive', name: 'OneDrive', category: 'storage', status: 'available', description: 'Microsoft 365 files.', scopes: ['Files.Read', 'Files.ReadWrite', 'User.Read', 'offline_access'] },
  { id: 'box', name: 'Box', category: 'storage', status: 'beta', description: 'Enterprise files and folders.', scopes: ['root_readonly', 'root_readwrite'] },
].map((source) => Object.freeze({ ...source, scopes: Object.freeze(source.scopes) })));

const byId = new Map(SOURCES.map((source) => [source.id, source]));

/** @param {string} id @returns {Source | undefined} */
export function findSource(id) {
  return byId.get(id);
}
