/*
 * migrations_sqlite: the SQLite schema as numbered steps.  Step N brings a
 * database from user_version N-1 to N inside one transaction; steps are
 * only ever appended, never edited once released.
 */
#include "store_int.h"

static const char m001[] =
"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
"  WITHOUT ROWID;\n"
"CREATE TABLE content_version (id INTEGER PRIMARY KEY CHECK (id = 1),"
"  version INTEGER NOT NULL);\n"
"INSERT INTO content_version VALUES (1, 1);\n"
"CREATE TABLE sections (id INTEGER PRIMARY KEY,"
"  slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
"  description TEXT NOT NULL DEFAULT '',"
"  position INTEGER NOT NULL DEFAULT 0);\n"
"CREATE TABLE issues (id INTEGER PRIMARY KEY,"
"  number INTEGER NOT NULL UNIQUE, volume INTEGER NOT NULL DEFAULT 1,"
"  date TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',"
"  status TEXT NOT NULL DEFAULT 'published'"
"    CHECK (status IN ('draft', 'published')));\n"
"CREATE INDEX issues_date ON issues (date);\n"
"CREATE TABLE people (id INTEGER PRIMARY KEY,"
"  slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
"  bio TEXT NOT NULL DEFAULT '', affiliation TEXT NOT NULL DEFAULT '',"
"  photo TEXT NOT NULL DEFAULT '', staff INTEGER NOT NULL DEFAULT 0);\n"
/*
 * Bodies live in a table of their own: an article row stays a few hundred
 * bytes, so lists, counts and offsets read a dozen rows a page instead of
 * one row and its overflow pages.
 */
"CREATE TABLE articles (id INTEGER PRIMARY KEY,"
"  slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL,"
"  dek TEXT NOT NULL DEFAULT '',"
"  section_id INTEGER NOT NULL REFERENCES sections (id),"
"  issue_id INTEGER REFERENCES issues (id),"
"  position INTEGER NOT NULL DEFAULT 0,"
"  status TEXT NOT NULL DEFAULT 'published'"
"    CHECK (status IN ('draft', 'scheduled', 'published')),"
"  published_at TEXT NOT NULL, updated_at TEXT NOT NULL);\n"
"CREATE TABLE article_bodies (article_id INTEGER PRIMARY KEY"
"  REFERENCES articles (id) ON DELETE CASCADE, body TEXT NOT NULL);\n"
/* Lists and their counts are answered from these indexes alone. */
"CREATE INDEX articles_published ON articles (status, published_at);\n"
"CREATE INDEX articles_section ON articles (section_id, status,"
"  published_at);\n"
"CREATE INDEX articles_issue ON articles (issue_id, status, position);\n"
/* Reads live in a narrow table: +n updates are 4x faster there. */
"CREATE TABLE article_reads (article_id INTEGER PRIMARY KEY"
"  REFERENCES articles (id) ON DELETE CASCADE,"
"  reads INTEGER NOT NULL DEFAULT 0);\n"
"CREATE TABLE reads_daily (article_id INTEGER NOT NULL"
"  REFERENCES articles (id) ON DELETE CASCADE, day TEXT NOT NULL,"
"  reads INTEGER NOT NULL, PRIMARY KEY (article_id, day)) WITHOUT ROWID;\n"
"CREATE TABLE article_authors (article_id INTEGER NOT NULL"
"  REFERENCES articles (id) ON DELETE CASCADE,"
"  person_id INTEGER NOT NULL REFERENCES people (id),"
"  position INTEGER NOT NULL, PRIMARY KEY (article_id, position))"
"  WITHOUT ROWID;\n"
"CREATE INDEX article_authors_person ON article_authors (person_id);\n"
"CREATE TABLE article_slugs (slug TEXT PRIMARY KEY,"
"  article_id INTEGER NOT NULL REFERENCES articles (id)"
"  ON DELETE CASCADE) WITHOUT ROWID;\n"
"CREATE TABLE revisions (id INTEGER PRIMARY KEY,"
"  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
"  title TEXT NOT NULL, dek TEXT NOT NULL, body TEXT NOT NULL,"
"  saved_at TEXT NOT NULL);\n"
"CREATE TABLE pub_types (id INTEGER PRIMARY KEY,"
"  slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
"  position INTEGER NOT NULL DEFAULT 0);\n"
"CREATE TABLE publications (id INTEGER PRIMARY KEY,"
"  type_id INTEGER NOT NULL REFERENCES pub_types (id),"
"  title TEXT NOT NULL, venue TEXT NOT NULL DEFAULT '',"
"  date TEXT NOT NULL, url TEXT NOT NULL DEFAULT '',"
"  cover TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '');\n"
"CREATE INDEX publications_date ON publications (date);\n"
"CREATE TABLE publication_authors (publication_id INTEGER NOT NULL"
"  REFERENCES publications (id) ON DELETE CASCADE,"
"  person_id INTEGER NOT NULL REFERENCES people (id),"
"  position INTEGER NOT NULL, PRIMARY KEY (publication_id, position))"
"  WITHOUT ROWID;\n"
"CREATE INDEX publication_authors_person ON publication_authors"
"  (person_id);\n"
"CREATE TABLE links (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
"  url TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
"  position INTEGER NOT NULL DEFAULT 0);\n"
"CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
"  starts_at TEXT NOT NULL, ends_at TEXT, place TEXT NOT NULL DEFAULT '',"
"  description TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '');\n"
"CREATE INDEX events_starts ON events (starts_at);\n"
"CREATE TABLE subscribers (id INTEGER PRIMARY KEY,"
"  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
"  status TEXT NOT NULL DEFAULT 'pending'"
"    CHECK (status IN ('pending', 'confirmed', 'unsubscribed',"
"    'bounced')),"
"  token TEXT NOT NULL, created_at TEXT NOT NULL, confirmed_at TEXT);\n";

/*
 * Every write to content bumps the content version, whoever makes it (the
 * server, a CLI command, an operator's sqlite3 shell): page caches key on it.
 */
#define BUMP(t, op) \
"CREATE TRIGGER " t "_" op "_bump AFTER " op " ON " t " BEGIN" \
"  UPDATE content_version SET version = version + 1 WHERE id = 1; END;\n"
#define BUMP3(t)	BUMP(t, "INSERT") BUMP(t, "UPDATE") BUMP(t, "DELETE")

static const char m002[] =
	BUMP3("settings") BUMP3("sections") BUMP3("issues") BUMP3("people")
	BUMP3("articles") BUMP3("article_bodies") BUMP3("article_authors")
	BUMP3("pub_types") BUMP3("publications") BUMP3("publication_authors")
	BUMP3("links") BUMP3("events");

/*
 * Lists without counting: article_counts keeps the number of published
 * articles of every list ("all" with key 0, each "section", "issue" and
 * "author" by id) and author_articles each author's published articles in
 * list order, so that a count is one row and a page of an author is one
 * index range, however many articles there are.  Triggers keep both right
 * whoever writes (the server, a CLI command, an operator's sqlite3 shell,
 * with or without foreign keys); the tables are derived, so they bump no
 * content version of their own.  An author named twice on one article
 * counts once.
 */
#define COUNT_ADD(list, key, cond) \
"  INSERT INTO article_counts (list, key, n) SELECT '" list "', " key ", 1" \
"    WHERE " cond " ON CONFLICT (list, key) DO UPDATE SET n = n + 1;\n"
#define COUNTS_ADD(r) \
	COUNT_ADD("all", "0", r ".status = 'published'") \
	COUNT_ADD("section", r ".section_id", r ".status = 'published'") \
	COUNT_ADD("issue", r ".issue_id", r ".status = 'published' AND " \
	    r ".issue_id IS NOT NULL") \
"  INSERT INTO author_articles (person_id, published_at, article_id)" \
"    SELECT DISTINCT person_id, " r ".published_at, " r ".id" \
"    FROM article_authors WHERE article_id = " r ".id" \
"    AND " r ".status = 'published';\n"
#define COUNTS_SUB(r) \
"  UPDATE article_counts SET n = n - 1 WHERE " r ".status = 'published'" \
"    AND ((list = 'all' AND key = 0)" \
"    OR (list = 'section' AND key = " r ".section_id)" \
"    OR (list = 'issue' AND key = " r ".issue_id));\n" \
"  DELETE FROM author_articles WHERE article_id = " r ".id;\n"
#define AUTHOR_ADD(r) \
"  INSERT INTO author_articles (person_id, published_at, article_id)" \
"    SELECT " r ".person_id, a.published_at, a.id FROM articles a" \
"    WHERE a.id = " r ".article_id AND a.status = 'published'" \
"    AND NOT EXISTS (SELECT 1 FROM author_articles x" \
"    WHERE x.article_id = " r ".article_id" \
"    AND x.person_id = " r ".person_id);\n"
#define AUTHOR_SUB(r) \
"  DELETE FROM author_articles WHERE article_id = " r ".article_id" \
"    AND person_id = " r ".person_id AND NOT EXISTS (SELECT 1" \
"    FROM article_authors l WHERE l.article_id = " r ".article_id" \
"    AND l.person_id = " r ".person_id);\n"

static const char m003[] =
"CREATE TABLE article_counts (list TEXT NOT NULL, key INTEGER NOT NULL,"
"  n INTEGER NOT NULL, PRIMARY KEY (list, key)) WITHOUT ROWID;\n"
"CREATE TABLE author_articles (person_id INTEGER NOT NULL,"
"  published_at TEXT NOT NULL, article_id INTEGER NOT NULL,"
"  PRIMARY KEY (person_id, published_at, article_id)) WITHOUT ROWID;\n"
"CREATE INDEX author_articles_article ON author_articles (article_id);\n"
/* Published issues by date (lists, the latest) and by number (prev, next). */
"DROP INDEX issues_date;\n"
"CREATE INDEX issues_published_date ON issues (status, date, number);\n"
"CREATE INDEX issues_published_number ON issues (status, number);\n"
/*
 * An issue's table of contents in order without a sort: sections in
 * their order, each section's articles of the issue from one index range.
 */
"CREATE INDEX sections_order ON sections (position, name);\n"
"DROP INDEX articles_issue;\n"
"CREATE INDEX articles_issue ON articles (issue_id, status, section_id,"
"  position);\n"
"INSERT INTO article_counts SELECT 'all', 0, count(*) FROM articles"
"  WHERE status = 'published';\n"
"INSERT INTO article_counts SELECT 'section', section_id, count(*)"
"  FROM articles WHERE status = 'published' GROUP BY section_id;\n"
"INSERT INTO article_counts SELECT 'issue', issue_id, count(*)"
"  FROM articles WHERE status = 'published' AND issue_id IS NOT NULL"
"  GROUP BY issue_id;\n"
"INSERT INTO author_articles SELECT DISTINCT l.person_id, a.published_at,"
"  a.id FROM article_authors l JOIN articles a ON a.id = l.article_id"
"  WHERE a.status = 'published';\n"
"INSERT INTO article_counts SELECT 'author', person_id, count(*)"
"  FROM author_articles GROUP BY person_id;\n"
"CREATE TRIGGER articles_counts_insert AFTER INSERT ON articles BEGIN\n"
	COUNTS_ADD("new")
"END;\n"
"CREATE TRIGGER articles_counts_delete AFTER DELETE ON articles BEGIN\n"
	COUNTS_SUB("old")
"END;\n"
"CREATE TRIGGER articles_counts_update AFTER UPDATE OF status, section_id,"
"  issue_id, published_at ON articles BEGIN\n"
	COUNTS_SUB("old")
	COUNTS_ADD("new")
"END;\n"
"CREATE TRIGGER article_authors_counts_insert AFTER INSERT"
"  ON article_authors BEGIN\n"
	AUTHOR_ADD("new")
"END;\n"
"CREATE TRIGGER article_authors_counts_delete AFTER DELETE"
"  ON article_authors BEGIN\n"
	AUTHOR_SUB("old")
"END;\n"
"CREATE TRIGGER article_authors_counts_update AFTER UPDATE"
"  ON article_authors BEGIN\n"
	AUTHOR_SUB("old")
	AUTHOR_ADD("new")
"END;\n"
"CREATE TRIGGER author_articles_count_insert AFTER INSERT"
"  ON author_articles BEGIN\n"
	COUNT_ADD("author", "new.person_id", "1")
"END;\n"
"CREATE TRIGGER author_articles_count_delete AFTER DELETE"
"  ON author_articles BEGIN\n"
"  UPDATE article_counts SET n = n - 1 WHERE list = 'author'"
"    AND key = old.person_id;\n"
"END;\n";

/*
 * The back office's accounts (docs/store.md, "Accounts").  A session is
 * stored by the hash of its token, never the token.  Nothing here is
 * content: no content version is bumped.  Sessions, and users' access,
 * bump auth_version instead, which the server polls to reload the live
 * sessions its polling thread checks cookies against.
 */
#define AUTH_BUMP(t, op, what) \
"CREATE TRIGGER " t "_" op "_auth AFTER " what " ON " t " BEGIN" \
"  UPDATE auth_version SET version = version + 1 WHERE id = 1; END;\n"

static const char m004[] =
"CREATE TABLE users (id INTEGER PRIMARY KEY,"
"  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
"  role TEXT NOT NULL CHECK (role IN ('author', 'editor', 'admin')),"
"  password TEXT NOT NULL,"
"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
"  created_at INTEGER NOT NULL, signed_in_at INTEGER);\n"
"CREATE TABLE sessions (hash TEXT PRIMARY KEY,"
"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
"  created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL,"
"  address TEXT NOT NULL DEFAULT '',"
"  user_agent TEXT NOT NULL DEFAULT '') WITHOUT ROWID;\n"
"CREATE INDEX sessions_user ON sessions (user_id);\n"
"CREATE TABLE audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
"  user_id INTEGER REFERENCES users (id), who TEXT NOT NULL,"
"  action TEXT NOT NULL, object TEXT NOT NULL DEFAULT '',"
"  address TEXT NOT NULL DEFAULT '');\n"
"CREATE TABLE auth_version (id INTEGER PRIMARY KEY CHECK (id = 1),"
"  version INTEGER NOT NULL);\n"
"INSERT INTO auth_version VALUES (1, 1);\n"
	AUTH_BUMP("sessions", "insert", "INSERT")
	AUTH_BUMP("sessions", "update", "UPDATE")
	AUTH_BUMP("sessions", "delete", "DELETE")
	AUTH_BUMP("users", "disabled", "UPDATE OF disabled")
	AUTH_BUMP("users", "delete", "DELETE");

/*
 * API tokens (docs/store.md, "Accounts"): made by an administrator for
 * a user, whose role and access they carry; stored by the hash of the
 * token, which is shown once.  A revoked token is kept, with its time,
 * for the list and the audit log.  Nothing here is content.
 */
static const char m005[] =
"CREATE TABLE api_tokens (id INTEGER PRIMARY KEY,"
"  hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
"  hint TEXT NOT NULL DEFAULT '',"
"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
"  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,"
"  created_at INTEGER NOT NULL, used_at INTEGER, revoked_at INTEGER);\n"
"CREATE INDEX api_tokens_user ON api_tokens (user_id);\n";

/*
 * Events keep their instants in UTC (starts_at, ends_at) and the IANA
 * time zone they happen in, so that pages and calendars can show the
 * local time of the place, daylight saving included.
 */
static const char m006[] =
"ALTER TABLE events ADD COLUMN tz TEXT NOT NULL DEFAULT 'UTC';\n";

/*
 * Uploaded media: the file is in the media folder under name (random),
 * the row says what it is.  No page shows a row, so no content version
 * bump.  The dashboard sums reads by day: an index by day answers that
 * (and a month's top articles) without reading every article's days.
 */
static const char m007[] =
"CREATE TABLE media (id INTEGER PRIMARY KEY,"
"  name TEXT NOT NULL UNIQUE, filename TEXT NOT NULL DEFAULT '',"
"  type TEXT NOT NULL CHECK (type IN ('image/jpeg', 'image/png',"
"    'image/gif', 'image/webp', 'application/pdf')),"
"  size INTEGER NOT NULL, width INTEGER NOT NULL DEFAULT 0,"
"  height INTEGER NOT NULL DEFAULT 0, alt TEXT NOT NULL DEFAULT '',"
"  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,"
"  created_at INTEGER NOT NULL);\n"
"CREATE INDEX reads_daily_day ON reads_daily (day, article_id, reads);\n";

/*
 * The back office's issues and people (docs/store.md, "Editing"): an
 * issue's editor's note (Markdown) and cover, a person's role or title.
 */
static const char m008[] =
"ALTER TABLE issues ADD COLUMN note TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE issues ADD COLUMN cover TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE people ADD COLUMN role TEXT NOT NULL DEFAULT '';\n";

/*
 * The article editor (docs/store.md, "The article editor").  An
 * article records who made it and a version that every save bumps
 * (optimistic locking: a save names the version it began from).  A
 * revision keeps everything a restore needs and who saved it: authors
 * as person ids and countries as codes, comma-separated, tags as names,
 * one a line.  Tags and countries are content (their pages are another
 * issue's); countries are ISO 3166-1 alpha-2, from Debian's iso-codes.
 * Old slugs of published articles live in article_slugs (migration 1)
 * and answer with a 301.
 */
static const char m009[] =
"ALTER TABLE articles ADD COLUMN created_by INTEGER"
"  REFERENCES users (id) ON DELETE SET NULL;\n"
"ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
"CREATE INDEX articles_updated ON articles (updated_at, id);\n"
"CREATE INDEX articles_created_by ON articles (created_by, updated_at);\n"
"ALTER TABLE revisions ADD COLUMN user_id INTEGER"
"  REFERENCES users (id) ON DELETE SET NULL;\n"
"ALTER TABLE revisions ADD COLUMN who TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE revisions ADD COLUMN note TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE revisions ADD COLUMN version INTEGER NOT NULL DEFAULT 0;\n"
"ALTER TABLE revisions ADD COLUMN slug TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE revisions ADD COLUMN section_id INTEGER;\n"
"ALTER TABLE revisions ADD COLUMN issue_id INTEGER;\n"
"ALTER TABLE revisions ADD COLUMN authors TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE revisions ADD COLUMN tags TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE revisions ADD COLUMN countries TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE revisions ADD COLUMN status TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE revisions ADD COLUMN published_at TEXT NOT NULL DEFAULT '';\n"
"CREATE INDEX revisions_article ON revisions (article_id, id);\n"
"CREATE INDEX article_slugs_article ON article_slugs (article_id);\n"
"CREATE TABLE tags (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE,"
"  name TEXT NOT NULL);\n"
"CREATE TABLE countries (code TEXT PRIMARY KEY"
"  CHECK (length(code) = 2 AND code = upper(code)),"
"  name TEXT NOT NULL) WITHOUT ROWID;\n"
"CREATE TABLE article_tags (article_id INTEGER NOT NULL"
"  REFERENCES articles (id) ON DELETE CASCADE,"
"  tag_id INTEGER NOT NULL REFERENCES tags (id),"
"  position INTEGER NOT NULL, PRIMARY KEY (article_id, tag_id))"
"  WITHOUT ROWID;\n"
"CREATE INDEX article_tags_tag ON article_tags (tag_id);\n"
"CREATE TABLE article_countries (article_id INTEGER NOT NULL"
"  REFERENCES articles (id) ON DELETE CASCADE,"
"  code TEXT NOT NULL REFERENCES countries (code),"
"  PRIMARY KEY (article_id, code)) WITHOUT ROWID;\n"
"CREATE INDEX article_countries_code ON article_countries (code);\n"
	BUMP3("tags") BUMP3("article_tags") BUMP3("article_countries")
"INSERT INTO countries (code, name) VALUES"
"  ('AW', 'Aruba'), ('AF', 'Afghanistan'), ('AO', 'Angola'),"
" ('AI', 'Anguilla'), ('AX', 'Åland Islands'), ('AL', 'Albania'),"
" ('AD', 'Andorra'), ('AE', 'United Arab Emirates'),"
" ('AR', 'Argentina'), ('AM', 'Armenia'), ('AS', 'American Samoa'),"
" ('AQ', 'Antarctica'), ('TF', 'French Southern Territories'),"
" ('AG', 'Antigua and Barbuda'), ('AU', 'Australia'),"
" ('AT', 'Austria'), ('AZ', 'Azerbaijan'), ('BI', 'Burundi'),"
" ('BE', 'Belgium'), ('BJ', 'Benin'),"
" ('BQ', 'Bonaire, Sint Eustatius and Saba'), ('BF', 'Burkina Faso'),"
" ('BD', 'Bangladesh'), ('BG', 'Bulgaria'), ('BH', 'Bahrain'),"
" ('BS', 'Bahamas'), ('BA', 'Bosnia and Herzegovina'),"
" ('BL', 'Saint Barthélemy'), ('BY', 'Belarus'), ('BZ', 'Belize'),"
" ('BM', 'Bermuda'), ('BO', 'Bolivia'), ('BR', 'Brazil'),"
" ('BB', 'Barbados'), ('BN', 'Brunei Darussalam'), ('BT', 'Bhutan'),"
" ('BV', 'Bouvet Island'), ('BW', 'Botswana'),"
" ('CF', 'Central African Republic'), ('CA', 'Canada'),"
" ('CC', 'Cocos (Keeling) Islands'), ('CH', 'Switzerland'),"
" ('CL', 'Chile'), ('CN', 'China'), ('CI', 'Côte d''Ivoire'),"
" ('CM', 'Cameroon'), ('CD', 'Congo, The Democratic Republic of the'),"
" ('CG', 'Congo'), ('CK', 'Cook Islands'), ('CO', 'Colombia'),"
" ('KM', 'Comoros'), ('CV', 'Cabo Verde'), ('CR', 'Costa Rica'),"
" ('CU', 'Cuba'), ('CW', 'Curaçao'), ('CX', 'Christmas Island'),"
" ('KY', 'Cayman Islands'), ('CY', 'Cyprus'), ('CZ', 'Czechia'),"
" ('DE', 'Germany'), ('DJ', 'Djibouti'), ('DM', 'Dominica'),"
" ('DK', 'Denmark'), ('DO', 'Dominican Republic'), ('DZ', 'Algeria'),"
" ('EC', 'Ecuador'), ('EG', 'Egypt'), ('ER', 'Eritrea'),"
" ('EH', 'Western Sahara'), ('ES', 'Spain'), ('EE', 'Estonia'),"
" ('ET', 'Ethiopia'), ('FI', 'Finland'), ('FJ', 'Fiji'),"
" ('FK', 'Falkland Islands (Malvinas)'), ('FR', 'France'),"
" ('FO', 'Faroe Islands'), ('FM', 'Micronesia, Federated States of'),"
" ('GA', 'Gabon'), ('GB', 'United Kingdom'), ('GE', 'Georgia'),"
" ('GG', 'Guernsey'), ('GH', 'Ghana'), ('GI', 'Gibraltar'),"
" ('GN', 'Guinea'), ('GP', 'Guadeloupe'), ('GM', 'Gambia'),"
" ('GW', 'Guinea-Bissau'), ('GQ', 'Equatorial Guinea'),"
" ('GR', 'Greece'), ('GD', 'Grenada'), ('GL', 'Greenland'),"
" ('GT', 'Guatemala'), ('GF', 'French Guiana'), ('GU', 'Guam'),"
" ('GY', 'Guyana'), ('HK', 'Hong Kong'),"
" ('HM', 'Heard Island and McDonald Islands'), ('HN', 'Honduras'),"
" ('HR', 'Croatia'), ('HT', 'Haiti'), ('HU', 'Hungary'),"
" ('ID', 'Indonesia'), ('IM', 'Isle of Man'), ('IN', 'India'),"
" ('IO', 'British Indian Ocean Territory'), ('IE', 'Ireland'),"
" ('IR', 'Iran'), ('IQ', 'Iraq'), ('IS', 'Iceland'), ('IL', 'Israel'),"
" ('IT', 'Italy'), ('JM', 'Jamaica'), ('JE', 'Jersey'),"
" ('JO', 'Jordan'), ('JP', 'Japan'), ('KZ', 'Kazakhstan'),"
" ('KE', 'Kenya'), ('KG', 'Kyrgyzstan'), ('KH', 'Cambodia'),"
" ('KI', 'Kiribati'), ('KN', 'Saint Kitts and Nevis'),"
" ('KR', 'South Korea'), ('KW', 'Kuwait'), ('LA', 'Laos'),"
" ('LB', 'Lebanon'), ('LR', 'Liberia'), ('LY', 'Libya'),"
" ('LC', 'Saint Lucia'), ('LI', 'Liechtenstein'), ('LK', 'Sri Lanka'),"
" ('LS', 'Lesotho'), ('LT', 'Lithuania'), ('LU', 'Luxembourg'),"
" ('LV', 'Latvia'), ('MO', 'Macao'),"
" ('MF', 'Saint Martin (French part)'), ('MA', 'Morocco'),"
" ('MC', 'Monaco'), ('MD', 'Moldova'), ('MG', 'Madagascar'),"
" ('MV', 'Maldives'), ('MX', 'Mexico'), ('MH', 'Marshall Islands'),"
" ('MK', 'North Macedonia'), ('ML', 'Mali'), ('MT', 'Malta'),"
" ('MM', 'Myanmar'), ('ME', 'Montenegro'), ('MN', 'Mongolia'),"
" ('MP', 'Northern Mariana Islands'), ('MZ', 'Mozambique'),"
" ('MR', 'Mauritania'), ('MS', 'Montserrat'), ('MQ', 'Martinique'),"
" ('MU', 'Mauritius'), ('MW', 'Malawi'), ('MY', 'Malaysia'),"
" ('YT', 'Mayotte'), ('NA', 'Namibia'), ('NC', 'New Caledonia'),"
" ('NE', 'Niger'), ('NF', 'Norfolk Island'), ('NG', 'Nigeria'),"
" ('NI', 'Nicaragua'), ('NU', 'Niue'), ('NL', 'Netherlands'),"
" ('NO', 'Norway'), ('NP', 'Nepal'), ('NR', 'Nauru'),"
" ('NZ', 'New Zealand'), ('OM', 'Oman'), ('PK', 'Pakistan'),"
" ('PA', 'Panama'), ('PN', 'Pitcairn'), ('PE', 'Peru'),"
" ('PH', 'Philippines'), ('PW', 'Palau'), ('PG', 'Papua New Guinea'),"
" ('PL', 'Poland'), ('PR', 'Puerto Rico'), ('KP', 'North Korea'),"
" ('PT', 'Portugal'), ('PY', 'Paraguay'),"
" ('PS', 'Palestine, State of'), ('PF', 'French Polynesia'),"
" ('QA', 'Qatar'), ('RE', 'Réunion'), ('RO', 'Romania'),"
" ('RU', 'Russian Federation'), ('RW', 'Rwanda'),"
" ('SA', 'Saudi Arabia'), ('SD', 'Sudan'), ('SN', 'Senegal'),"
" ('SG', 'Singapore'),"
" ('GS', 'South Georgia and the South Sandwich Islands'),"
" ('SH', 'Saint Helena, Ascension and Tristan da Cunha'),"
" ('SJ', 'Svalbard and Jan Mayen'), ('SB', 'Solomon Islands'),"
" ('SL', 'Sierra Leone'), ('SV', 'El Salvador'), ('SM', 'San Marino'),"
" ('SO', 'Somalia'), ('PM', 'Saint Pierre and Miquelon'),"
" ('RS', 'Serbia'), ('SS', 'South Sudan'),"
" ('ST', 'Sao Tome and Principe'), ('SR', 'Suriname'),"
" ('SK', 'Slovakia'), ('SI', 'Slovenia'), ('SE', 'Sweden'),"
" ('SZ', 'Eswatini'), ('SX', 'Sint Maarten (Dutch part)'),"
" ('SC', 'Seychelles'), ('SY', 'Syria'),"
" ('TC', 'Turks and Caicos Islands'), ('TD', 'Chad'), ('TG', 'Togo'),"
" ('TH', 'Thailand'), ('TJ', 'Tajikistan'), ('TK', 'Tokelau'),"
" ('TM', 'Turkmenistan'), ('TL', 'Timor-Leste'), ('TO', 'Tonga'),"
" ('TT', 'Trinidad and Tobago'), ('TN', 'Tunisia'), ('TR', 'Türkiye'),"
" ('TV', 'Tuvalu'), ('TW', 'Taiwan'), ('TZ', 'Tanzania'),"
" ('UG', 'Uganda'), ('UA', 'Ukraine'),"
" ('UM', 'United States Minor Outlying Islands'), ('UY', 'Uruguay'),"
" ('US', 'United States'), ('UZ', 'Uzbekistan'),"
" ('VA', 'Holy See (Vatican City State)'),"
" ('VC', 'Saint Vincent and the Grenadines'), ('VE', 'Venezuela'),"
" ('VG', 'Virgin Islands, British'), ('VI', 'Virgin Islands, U.S.'),"
" ('VN', 'Vietnam'), ('VU', 'Vanuatu'), ('WF', 'Wallis and Futuna'),"
" ('WS', 'Samoa'), ('YE', 'Yemen'), ('ZA', 'South Africa'),"
" ('ZM', 'Zambia'), ('ZW', 'Zimbabwe');\n";

/*
 * The newsletter (docs/store.md, "Newsletter").  A subscriber's token is
 * the salt of its signed links (never a credential by itself: links are
 * MACs under the "mail" secret); topics is a comma list.  A delivery
 * is one message to one address; one per subscriber per campaign.  A
 * row due (queued or deferred, next_at passed) is claimed by moving
 * next_at past a lease, so a sender that dies leaves it due again.
 */
static const char m010[] =
"ALTER TABLE subscribers ADD COLUMN topics TEXT NOT NULL"
"  DEFAULT 'issues,events,news';\n"
"ALTER TABLE subscribers ADD COLUMN confirm_sent_at INTEGER;\n"
"ALTER TABLE subscribers ADD COLUMN changed_at INTEGER;\n"
"ALTER TABLE subscribers ADD COLUMN hard_bounces INTEGER NOT NULL"
"  DEFAULT 0;\n"
"ALTER TABLE subscribers ADD COLUMN consent TEXT NOT NULL DEFAULT '';\n"
"CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
"  WITHOUT ROWID;\n"
"CREATE TABLE signup_attempts (client TEXT NOT NULL, at INTEGER NOT NULL);\n"
"CREATE INDEX signup_attempts_client ON signup_attempts (client, at);\n"
"CREATE INDEX signup_attempts_at ON signup_attempts (at);\n"
"CREATE TABLE campaigns (id INTEGER PRIMARY KEY,"
"  subject TEXT NOT NULL, body_text TEXT NOT NULL,"
"  body_html TEXT NOT NULL DEFAULT '',"
"  topic TEXT NOT NULL DEFAULT 'issues'"
"    CHECK (topic IN ('issues', 'events', 'news')),"
"  status TEXT NOT NULL DEFAULT 'draft'"
"    CHECK (status IN ('draft', 'scheduled', 'sending')),"
"  send_at INTEGER, queued_at INTEGER, created_at INTEGER NOT NULL,"
"  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL);\n"
"CREATE TABLE deliveries (id INTEGER PRIMARY KEY,"
"  kind TEXT NOT NULL CHECK (kind IN ('confirm', 'campaign', 'test')),"
"  campaign_id INTEGER REFERENCES campaigns (id) ON DELETE CASCADE,"
"  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,"
"  address TEXT NOT NULL,"
"  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued',"
"    'deferred', 'sent', 'failed', 'dropped')),"
"  attempts INTEGER NOT NULL DEFAULT 0,"
"  next_at INTEGER NOT NULL DEFAULT 0,"
"  reply TEXT NOT NULL DEFAULT '',"
"  created_at INTEGER NOT NULL, sent_at INTEGER);\n"
"CREATE UNIQUE INDEX deliveries_one ON deliveries (campaign_id,"
"  subscriber_id) WHERE campaign_id IS NOT NULL;\n"
"CREATE INDEX deliveries_due ON deliveries (next_at, id)"
"  WHERE status IN ('queued', 'deferred');\n"
"CREATE INDEX deliveries_sent ON deliveries (sent_at)"
"  WHERE status = 'sent';\n"
"CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id);\n";

/*
 * 11: the old addresses of an imported journal (sqlite_redirects.c),
 * each to an article (its current slug, when published) or to a fixed
 * location; an article's deletion takes its old addresses with it.
 */
static const char m011[] =
"CREATE TABLE redirects (path TEXT PRIMARY KEY,"
"  article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,"
"  location TEXT, origin TEXT NOT NULL DEFAULT '',"
"  created_at INTEGER NOT NULL DEFAULT 0,"
"  CHECK ((article_id IS NULL) <> (location IS NULL))) WITHOUT ROWID;\n"
"CREATE INDEX redirects_article ON redirects (article_id)"
"  WHERE article_id IS NOT NULL;\n";

/*
 * 12: what importers bring beside articles.  A body's format: Markdown
 * as typed here, or HTML an importer cleaned (html_clean), served
 * through the same allowlist again.  import_ids: what each source's
 * record (a WordPress post ID, a K2 item) became here, with a digest
 * of what was read, so that an import run again changes nothing and a
 * changed source record updates its row.  Comments, kept from the old
 * system, hidden unless the journal turns comments on.  extra: what an
 * article brought that has no column (a K2 item's extra fields, a
 * sticky or password-protected post's marks), a JSON object.
 */
static const char m012[] =
"ALTER TABLE article_bodies ADD COLUMN format TEXT NOT NULL"
"  DEFAULT 'markdown' CHECK (format IN ('markdown', 'html'));\n"
"ALTER TABLE articles ADD COLUMN extra TEXT;\n"
"CREATE TABLE import_ids (origin TEXT NOT NULL, kind TEXT NOT NULL,"
"  source_id TEXT NOT NULL, local_id INTEGER NOT NULL,"
"  digest TEXT NOT NULL DEFAULT '', imported_at INTEGER NOT NULL,"
"  PRIMARY KEY (origin, kind, source_id)) WITHOUT ROWID;\n"
"CREATE TABLE comments (id INTEGER PRIMARY KEY,"
"  article_id INTEGER NOT NULL REFERENCES articles (id)"
"    ON DELETE CASCADE,"
"  parent_id INTEGER REFERENCES comments (id) ON DELETE SET NULL,"
"  author_name TEXT NOT NULL DEFAULT '',"
"  author_email TEXT NOT NULL DEFAULT '',"
"  author_url TEXT NOT NULL DEFAULT '', body TEXT NOT NULL,"
"  created_at TEXT NOT NULL,"
"  status TEXT NOT NULL DEFAULT 'approved'"
"    CHECK (status IN ('approved', 'pending', 'spam', 'trash')),"
"  origin TEXT NOT NULL DEFAULT '');\n"
"CREATE INDEX comments_article ON comments (article_id, created_at);\n";

/*
 * 13: a back-office user's password reset mail is a delivery too (kind
 * 'reset', to the user's address, no subscriber): SQLite cannot widen
 * a CHECK, so the table is made again with its rows and indexes.
 */
static const char m013[] =
"CREATE TABLE deliveries_new (id INTEGER PRIMARY KEY,"
"  kind TEXT NOT NULL"
"    CHECK (kind IN ('confirm', 'campaign', 'test', 'reset')),"
"  campaign_id INTEGER REFERENCES campaigns (id) ON DELETE CASCADE,"
"  subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,"
"  address TEXT NOT NULL,"
"  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued',"
"    'deferred', 'sent', 'failed', 'dropped')),"
"  attempts INTEGER NOT NULL DEFAULT 0,"
"  next_at INTEGER NOT NULL DEFAULT 0,"
"  reply TEXT NOT NULL DEFAULT '',"
"  created_at INTEGER NOT NULL, sent_at INTEGER);\n"
"INSERT INTO deliveries_new SELECT * FROM deliveries;\n"
"DROP TABLE deliveries;\n"
"ALTER TABLE deliveries_new RENAME TO deliveries;\n"
"CREATE UNIQUE INDEX deliveries_one ON deliveries (campaign_id,"
"  subscriber_id) WHERE campaign_id IS NOT NULL;\n"
"CREATE INDEX deliveries_due ON deliveries (next_at, id)"
"  WHERE status IN ('queued', 'deferred');\n"
"CREATE INDEX deliveries_sent ON deliveries (sent_at)"
"  WHERE status = 'sent';\n"
"CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id);\n";

/*
 * 14: OAI-PMH's deleted records (sqlite_oai.c): a published article
 * that is unpublished or deleted leaves its id, set and the time here,
 * and publishing an article under that id again takes it back.  Kept
 * for good ("persistent"), so a harvester learns of every withdrawal.
 */
#define OAI_GONE(old) \
	"INSERT OR REPLACE INTO oai_deleted (id, section, stamp) VALUES" \
	"  (" old ".id, (SELECT slug FROM sections WHERE id =" \
	"  " old ".section_id), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));"
static const char m014[] =
"CREATE TABLE oai_deleted (id INTEGER PRIMARY KEY,"
"  section TEXT NOT NULL, stamp TEXT NOT NULL);\n"
"CREATE TRIGGER oai_unpublished AFTER UPDATE OF status ON articles"
"  WHEN OLD.status = 'published' AND NEW.status <> 'published'"
"  BEGIN " OAI_GONE("OLD") " END;\n"
"CREATE TRIGGER oai_deleted_article AFTER DELETE ON articles"
"  WHEN OLD.status = 'published'"
"  BEGIN " OAI_GONE("OLD") " END;\n"
"CREATE TRIGGER oai_republished AFTER UPDATE OF status ON articles"
"  WHEN NEW.status = 'published'"
"  BEGIN DELETE FROM oai_deleted WHERE id = NEW.id; END;\n"
"CREATE TRIGGER oai_published AFTER INSERT ON articles"
"  WHEN NEW.status = 'published'"
"  BEGIN DELETE FROM oai_deleted WHERE id = NEW.id; END;\n";
#undef OAI_GONE

/*
 * 15: the article page: a correction or update note an editor adds to an
 * article, shown in a box on its page ("Correction, 3 December 2026:
 * ...").  kind is 'correction' or 'update'; date a day, YYYY-MM-DD;
 * an empty text is no note.
 */
static const char m015[] =
"ALTER TABLE articles ADD COLUMN correction TEXT NOT NULL DEFAULT '';\n"
"ALTER TABLE articles ADD COLUMN correction_kind TEXT NOT NULL"
"  DEFAULT 'correction' CHECK (correction_kind IN ('correction',"
"  'update'));\n"
"ALTER TABLE articles ADD COLUMN correction_date TEXT NOT NULL"
"  DEFAULT '';\n";

/*
 * 16: search (docs/design.md, "Search"): article_fts is an FTS5 index over
 * the view article_search, one row per published article (its title,
 * dek, Markdown body, authors', section's, tags' and countries' names),
 * with diacritics removed and case folded.  The index keeps no copy of
 * the text (external content), so a row leaves it by the values it was
 * indexed with: a BEFORE trigger takes an article out while the view
 * still shows what was indexed, an AFTER trigger puts it back from
 * what the view shows now.  Every table the view reads has both, so
 * the index changes in the statement, and the transaction, that
 * changes the article, whoever writes.  An insert takes the article
 * out only when it will insert (INSERT OR IGNORE and upserts skip or
 * turn into updates), and each step checks the index's own record
 * (article_fts_docsize), so a step that finds nothing to do does
 * nothing.  A bulk load (octavo demo) holds the triggers
 * (search_hold.hold = 1) and rebuilds the index before it commits.
 */
#define FTS_COLS	"title, dek, body, authors, section, tags, countries"
#define FTS_ON	"(SELECT hold FROM search_hold) = 0"
#define FTS_OUT(ids) \
"  INSERT INTO article_fts (article_fts, rowid, " FTS_COLS ")" \
"    SELECT 'delete', id, " FTS_COLS " FROM article_search" \
"    WHERE id IN (" ids ") AND id IN (SELECT id FROM article_fts_docsize);\n"
#define FTS_IN(ids) \
"  INSERT INTO article_fts (rowid, " FTS_COLS ")" \
"    SELECT id, " FTS_COLS " FROM article_search" \
"    WHERE id IN (" ids ")" \
"    AND id NOT IN (SELECT id FROM article_fts_docsize);\n"
/*
 * A table of an article's parts: key, its primary key's test; out and
 * in, the statements that take the article out and put it back (FTS_OUT
 * and FTS_IN here, migration 21's since).
 */
#define FTS_PART_BY(t, key, out, in, drop) \
	drop(t "_fts_bi") \
"CREATE TRIGGER " t "_fts_bi BEFORE INSERT ON " t \
"  WHEN " FTS_ON " AND NOT EXISTS (SELECT 1 FROM " t " WHERE " key ")" \
"  BEGIN\n" \
	out("new.article_id") "END;\n" \
	drop(t "_fts_ai") \
"CREATE TRIGGER " t "_fts_ai AFTER INSERT ON " t \
"  WHEN " FTS_ON " BEGIN\n" \
	in("new.article_id") "END;\n" \
	drop(t "_fts_bu") \
"CREATE TRIGGER " t "_fts_bu BEFORE UPDATE ON " t \
"  WHEN " FTS_ON " BEGIN\n" \
	out("old.article_id, new.article_id") "END;\n" \
	drop(t "_fts_au") \
"CREATE TRIGGER " t "_fts_au AFTER UPDATE ON " t \
"  WHEN " FTS_ON " BEGIN\n" \
	in("old.article_id, new.article_id") "END;\n" \
	drop(t "_fts_bd") \
"CREATE TRIGGER " t "_fts_bd BEFORE DELETE ON " t \
"  WHEN " FTS_ON " BEGIN\n" \
	out("old.article_id") "END;\n" \
	drop(t "_fts_ad") \
"CREATE TRIGGER " t "_fts_ad AFTER DELETE ON " t \
"  WHEN " FTS_ON " BEGIN\n" \
	in("old.article_id") "END;\n"
/* drop(name): what comes before each trigger (migration 21: DROP). */
#define FTS_KEEP(name)	""
#define FTS_PART(t, key)	FTS_PART_BY(t, key, FTS_OUT, FTS_IN, FTS_KEEP)
/* A table of names articles show: the articles that name row old. */
#define FTS_NAME_BY(t, ids, out, in, drop) \
	drop(t "_fts_bu") \
"CREATE TRIGGER " t "_fts_bu BEFORE UPDATE OF name ON " t \
"  WHEN " FTS_ON " BEGIN\n" \
	out(ids) "END;\n" \
	drop(t "_fts_au") \
"CREATE TRIGGER " t "_fts_au AFTER UPDATE OF name ON " t \
"  WHEN " FTS_ON " BEGIN\n" \
	in(ids) "END;\n"
#define FTS_NAME(t, ids)	FTS_NAME_BY(t, ids, FTS_OUT, FTS_IN, FTS_KEEP)

/* The view the index reads, the body's text being body. */
#define FTS_VIEW(body) \
"CREATE VIEW article_search (id, " FTS_COLS ") AS" \
"  SELECT a.id, a.title, a.dek, " body "," \
"  coalesce((SELECT group_concat(p.name, ', ') FROM article_authors l" \
"    JOIN people p ON p.id = l.person_id WHERE l.article_id = a.id), '')," \
"  s.name," \
"  coalesce((SELECT group_concat(t.name, ', ') FROM article_tags x" \
"    JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), '')," \
"  coalesce((SELECT group_concat(c.name, ', ') FROM article_countries x" \
"    JOIN countries c ON c.code = x.code WHERE x.article_id = a.id), '')" \
"  FROM articles a JOIN sections s ON s.id = a.section_id" \
"  LEFT JOIN article_bodies b ON b.article_id = a.id" \
/* "+": the rows come by id, never by the status index's every row. */ \
"  WHERE +a.status = 'published';\n"

/* Every trigger that keeps the index in step (out, in, drop: FTS_PART_BY). */
#define FTS_TRIGGERS(out, in, drop) \
	drop("articles_fts_ai") \
"CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles" \
"  WHEN " FTS_ON " BEGIN\n" \
	in("new.id") "END;\n" \
	drop("articles_fts_bu") \
"CREATE TRIGGER articles_fts_bu BEFORE UPDATE OF title, dek, status," \
"  section_id ON articles WHEN " FTS_ON " BEGIN\n" \
	out("old.id") "END;\n" \
	drop("articles_fts_au") \
"CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, dek, status," \
"  section_id ON articles WHEN " FTS_ON " BEGIN\n" \
	in("new.id") "END;\n" \
	drop("articles_fts_bd") \
"CREATE TRIGGER articles_fts_bd BEFORE DELETE ON articles" \
"  WHEN " FTS_ON " BEGIN\n" \
	out("old.id") "END;\n" \
	FTS_PART_BY("article_bodies", "article_id = new.article_id", out, \
	    in, drop) \
	FTS_PART_BY("article_authors", "article_id = new.article_id" \
	    " AND position = new.position", out, in, drop) \
	FTS_PART_BY("article_tags", "article_id = new.article_id" \
	    " AND tag_id = new.tag_id", out, in, drop) \
	FTS_PART_BY("article_countries", "article_id = new.article_id" \
	    " AND code = new.code", out, in, drop) \
	FTS_NAME_BY("people", "SELECT article_id FROM article_authors" \
	    " WHERE person_id = old.id", out, in, drop) \
	FTS_NAME_BY("sections", "SELECT id FROM articles" \
	    " WHERE section_id = old.id", out, in, drop) \
	FTS_NAME_BY("tags", "SELECT article_id FROM article_tags" \
	    " WHERE tag_id = old.id", out, in, drop) \
	FTS_NAME_BY("countries", "SELECT article_id FROM article_countries" \
	    " WHERE code = old.code", out, in, drop)

static const char m016[] =
	FTS_VIEW("coalesce(b.body, '')")
"CREATE VIRTUAL TABLE article_fts USING fts5(" FTS_COLS ","
"  content = 'article_search', content_rowid = 'id',"
"  tokenize = 'unicode61 remove_diacritics 2');\n"
"INSERT INTO article_fts (article_fts) VALUES ('rebuild');\n"
"CREATE TABLE search_hold (id INTEGER PRIMARY KEY CHECK (id = 1),"
"  hold INTEGER NOT NULL);\n"
"INSERT INTO search_hold VALUES (1, 0);\n"
	FTS_TRIGGERS(FTS_OUT, FTS_IN, FTS_KEEP);

/*
 * 17: search, faster and on text (docs/design.md, "Search").  An HTML
 * body (an importer's, format 'html') is indexed by its text, without
 * its tags and attributes: article_bodies.text, made by the store when
 * it writes such a body (search_text.c, through a function only the
 * store's own connections have: no trigger calls it).  The view reads
 * text where there is one, else the body.  A writer that changes a body
 * or its format and leaves its text as it was (the sqlite3 shell, a
 * script) has the text cleared by a trigger, so the index then reads
 * the body as it is, never an old text.  The index is made again, with
 * prefix indexes for prefixes of FTS_PREFIX characters (FTS5 reads a
 * prefix of another length by merging the doclists of all its words;
 * sqlite_search_expr.c writes such a prefix as its words when they are
 * few), its triggers held meanwhile, and merged into one segment
 * (sqlite_search.c's OPTIMIZE says why).
 */
#define FTS_PREFIX	"2 3"

static const char m017[] =
"ALTER TABLE article_bodies ADD COLUMN text TEXT;\n"
"UPDATE search_hold SET hold = 1;\n"
"UPDATE article_bodies SET text = octavo_html_text(body)"
"  WHERE format = 'html';\n"
"DROP VIEW article_search;\n"
	FTS_VIEW("coalesce(b.text, b.body, '')")
"DROP TABLE article_fts;\n"
"CREATE VIRTUAL TABLE article_fts USING fts5(" FTS_COLS ","
"  content = 'article_search', content_rowid = 'id',"
"  tokenize = 'unicode61 remove_diacritics 2',"
"  prefix = '" FTS_PREFIX "');\n"
"INSERT INTO article_fts (article_fts) VALUES ('rebuild');\n"
"INSERT INTO article_fts (article_fts) VALUES ('optimize');\n"
"UPDATE search_hold SET hold = 0;\n"
"CREATE TRIGGER article_bodies_text AFTER UPDATE OF body, format"
"  ON article_bodies WHEN new.text IS NOT NULL AND new.text IS old.text"
"  BEGIN UPDATE article_bodies SET text = NULL"
"  WHERE article_id = new.article_id; END;\n";

/*
 * 18: the countries an article's text names (the gazetteer) that it
 * does not list, kept when an importer, an author or the API saved it,
 * for an editor to confirm or dismiss (sqlite_suggestions.c); an
 * editor's save of the article clears them.  words: what named the
 * country there ("Kazakh, Kazakhs").  And a revision keeps the
 * article's correction or update note (migration 15) as it was then,
 * so that restoring it brings the note back too (NULL in the revisions
 * saved before: not known, so a restore keeps the note as it is).
 */
static const char m018[] =
"CREATE TABLE article_country_suggestions ("
"  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
"  code TEXT NOT NULL REFERENCES countries (code) ON DELETE CASCADE,"
"  words TEXT NOT NULL DEFAULT '',"
"  PRIMARY KEY (article_id, code)) WITHOUT ROWID;\n"
"ALTER TABLE revisions ADD COLUMN correction TEXT;\n"
"ALTER TABLE revisions ADD COLUMN correction_kind TEXT;\n"
"ALTER TABLE revisions ADD COLUMN correction_date TEXT;\n";

/*
 * 19: tag and country pages without counting (docs/design.md, "Finding
 * things"), as migration 3 did for sections and authors.  tag_articles
 * and country_articles hold each tag's and each country's published
 * articles in list order, so that a page of one is a range of their
 * primary key, read from the nearer end; article_counts keeps their
 * numbers as the lists 'tag' (key: the tag's id) and 'country' (key:
 * the code, as text: SQLite keeps a value an INTEGER column cannot
 * convert as it is).  Triggers on the link tables and on articles'
 * status and publication time keep the rows; the counts follow the
 * rows (INSERT OR IGNORE, DELETE), so an article deleted and then its
 * links by the cascade count once, with or without foreign keys.
 * The index pages list terms in name order from tags_name and
 * countries_name, without a sort.
 */
#define TERM_ROWS(t, col, type, link) \
"CREATE TABLE " t " (" col " " type " NOT NULL," \
"  published_at TEXT NOT NULL," \
"  article_id INTEGER NOT NULL," \
"  PRIMARY KEY (" col ", published_at, article_id)) WITHOUT ROWID;\n" \
"CREATE INDEX " t "_article ON " t " (article_id);\n" \
"INSERT INTO " t " SELECT DISTINCT x." col ", a.published_at, a.id" \
"  FROM " link " x JOIN articles a ON a.id = x.article_id" \
"  WHERE a.status = 'published';\n"
#define TERM_ADD(t, col, r) \
"  INSERT OR IGNORE INTO " t " (" col ", published_at, article_id)" \
"    SELECT " r "." col ", a.published_at, a.id FROM articles a" \
"    WHERE a.id = " r ".article_id AND a.status = 'published';\n"
#define TERM_SUB(t, col, r) \
"  DELETE FROM " t " WHERE article_id = " r ".article_id" \
"    AND " col " = " r "." col ";\n"
#define TERM_TRIGGERS(t, col, link, list) \
"INSERT INTO article_counts SELECT '" list "', " col ", count(*)" \
"  FROM " t " GROUP BY " col ";\n" \
"CREATE TRIGGER " link "_rows_insert AFTER INSERT ON " link " BEGIN\n" \
	TERM_ADD(t, col, "new") \
"END;\n" \
"CREATE TRIGGER " link "_rows_delete AFTER DELETE ON " link " BEGIN\n" \
	TERM_SUB(t, col, "old") \
"END;\n" \
"CREATE TRIGGER " link "_rows_update AFTER UPDATE ON " link " BEGIN\n" \
	TERM_SUB(t, col, "old") \
	TERM_ADD(t, col, "new") \
"END;\n" \
"CREATE TRIGGER " t "_count_insert AFTER INSERT ON " t " BEGIN\n" \
	COUNT_ADD(list, "new." col, "1") \
"END;\n" \
"CREATE TRIGGER " t "_count_delete AFTER DELETE ON " t " BEGIN\n" \
"  UPDATE article_counts SET n = n - 1 WHERE list = '" list "'" \
"    AND key = old." col ";\n" \
"END;\n"
/* An article's rows of both tables, when it is published. */
#define TERMS_ADD(r) \
"  INSERT OR IGNORE INTO tag_articles (tag_id, published_at, article_id)" \
"    SELECT tag_id, " r ".published_at, " r ".id FROM article_tags" \
"    WHERE article_id = " r ".id AND " r ".status = 'published';\n" \
"  INSERT OR IGNORE INTO country_articles (code, published_at," \
"    article_id) SELECT code, " r ".published_at, " r ".id" \
"    FROM article_countries WHERE article_id = " r ".id" \
"    AND " r ".status = 'published';\n"
#define TERMS_SUB(r) \
"  DELETE FROM tag_articles WHERE article_id = " r ".id;\n" \
"  DELETE FROM country_articles WHERE article_id = " r ".id;\n"

static const char m019[] =
	TERM_ROWS("tag_articles", "tag_id", "INTEGER", "article_tags")
	TERM_ROWS("country_articles", "code", "TEXT", "article_countries")
	TERM_TRIGGERS("tag_articles", "tag_id", "article_tags", "tag")
	TERM_TRIGGERS("country_articles", "code", "article_countries",
	    "country")
"CREATE TRIGGER articles_terms_insert AFTER INSERT ON articles BEGIN\n"
	TERMS_ADD("new")
"END;\n"
"CREATE TRIGGER articles_terms_delete AFTER DELETE ON articles BEGIN\n"
	TERMS_SUB("old")
"END;\n"
"CREATE TRIGGER articles_terms_update AFTER UPDATE OF status,"
"  published_at ON articles WHEN old.status IS NOT new.status"
"  OR old.published_at IS NOT new.published_at BEGIN\n"
	TERMS_SUB("old")
	TERMS_ADD("new")
"END;\n"
"CREATE INDEX tags_name ON tags (name, slug);\n"
"CREATE INDEX countries_name ON countries (name);\n";

/*
 * 20: a Markdown body is indexed by its text too (search_text.c: what
 * the page shows, its links' words but not their addresses, no "**" or
 * "](https"), as an HTML body is since 17; the index is made again and
 * merged into one segment, its triggers held meanwhile.  On 100,000
 * articles: 88 s (2026-11-30, a shared machine).
 */
static const char m020[] =
"UPDATE search_hold SET hold = 1;\n"
"UPDATE article_bodies SET text = octavo_body_text(body, format)"
"  WHERE format = 'markdown';\n"
"INSERT INTO article_fts (article_fts) VALUES ('rebuild');\n"
"INSERT INTO article_fts (article_fts) VALUES ('optimize');\n"
"UPDATE search_hold SET hold = 0;\n";

/*
 * 21: the word pairs of each published article, for phrases
 * (sqlite_pairs.c says how they are used and kept).  article_pairs
 * holds them as tokens without positions; search_stale notes each
 * article whose text changed since its pairs were made, with that text
 * when they were in (indexed), which the store reads to take them out
 * before it commits.  Every trigger of migration 16 is made again, each
 * taking the note before it changes the index, unless the article has
 * one already (the first keeps the text the pairs hold; not by INSERT OR
 * IGNORE, which an upsert firing the trigger turns into ABORT); the
 * pairs of every published article are then made (on 100,000
 * articles: 17 s, 2026-11-30).
 */
#define PAIRS_NEW	" AND id NOT IN (SELECT article_id FROM search_stale)"
#define PAIRS_OUT(ids) \
"  INSERT INTO search_stale (article_id, indexed, " FTS_COLS ")" \
"    SELECT id, 1, " FTS_COLS " FROM article_search" \
"    WHERE id IN (" ids ") AND id IN (SELECT id FROM article_fts_docsize)" \
	PAIRS_NEW ";\n" \
	FTS_OUT(ids)
#define PAIRS_IN(ids) \
"  INSERT INTO search_stale (article_id, indexed)" \
"    SELECT id, 0 FROM article_search WHERE id IN (" ids ")" \
"    AND id NOT IN (SELECT id FROM article_fts_docsize)" PAIRS_NEW ";\n" \
	FTS_IN(ids)
#define FTS_DROP(name)	"DROP TRIGGER " name ";\n"

static const char m021[] =
"CREATE TABLE search_stale (article_id INTEGER PRIMARY KEY,"
"  indexed INTEGER NOT NULL, title TEXT, dek TEXT, body TEXT,"
"  authors TEXT, section TEXT, tags TEXT, countries TEXT);\n"
"CREATE VIRTUAL TABLE article_pairs USING fts5(pairs, content = '',"
"  detail = none,"
"  tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\");\n"
	FTS_TRIGGERS(PAIRS_OUT, PAIRS_IN, FTS_DROP)
"INSERT INTO article_pairs (rowid, pairs)"
"  SELECT id, octavo_pairs(" FTS_COLS ") FROM article_search;\n"
"INSERT INTO article_pairs (article_pairs) VALUES ('optimize');\n";

const char *const sqlite_migrations[] = { m001, m002, m003, m004, m005,
    m006, m007, m008, m009, m010, m011, m012, m013, m014, m015,
    m016, m017, m018, m019, m020, m021 };
const int sqlite_migrations_count = (int)nitems(sqlite_migrations);
