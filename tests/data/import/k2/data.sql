-- The K2 site tests/http/test_import_k2.py imports (schema.sql first).
-- Each row is there for a case; the test names them by id.  Joomla
-- keeps its dates in UTC.
SET sql_mode = '';
SET NAMES utf8mb4;

INSERT INTO jos_users (id, name, username, email) VALUES
  (42, 'Ana Kovač', 'ana', 'ana@example.org'),
  (43, 'Bob Editor', 'bob', 'bob@example.org');

-- Menu items: two for categories (Policy and its child Energy), one for
-- an item, and one that is not K2's.
INSERT INTO jos_menu (id, menutype, title, alias, path, link, type,
  published, level, client_id) VALUES
  (101, 'mainmenu', 'Policy', 'policy', 'policy',
   'index.php?option=com_k2&view=itemlist&layout=category&task=category&id=2',
   'component', 1, 1, 0),
  (102, 'mainmenu', 'Energy', 'energy', 'policy/energy',
   'index.php?option=com_k2&view=itemlist&layout=category&task=category&id=3',
   'component', 1, 2, 0),
  (103, 'mainmenu', 'The news item', 'the-news', 'the-news',
   'index.php?option=com_k2&view=item&layout=item&id=13',
   'component', 1, 1, 0),
  (104, 'mainmenu', 'Home', 'home', 'home',
   'index.php?option=com_content&view=featured', 'component', 1, 1, 0);

-- Categories: Policy > Energy & Climate (nested), News, one in the trash
-- and one unpublished.
INSERT INTO jos_k2_categories (id, name, alias, description, parent,
  extraFieldsGroup, published, access, ordering, image, params, trash,
  plugins, language) VALUES
  (2, 'Policy', 'policy', '<p>Our <b>policy</b> work.</p>', 0, 1, 1, 1, 1,
   '', '', 0, '', '*'),
  (3, 'Energy & Climate', 'energy', '<p>Power, water &amp; climate.</p>',
   2, 1, 1, 1, 1, '', '', 0, '', '*'),
  (4, 'News', 'news', '', 0, 1, 1, 1, 2, '', '', 0, '', '*'),
  (5, 'Old stuff', 'old-stuff', '', 0, 1, 1, 1, 3, '', '', 1, '', '*'),
  (6, 'Internal', 'internal', '', 0, 1, 0, 1, 4, '', '', 0, '', '*');

-- Extra fields of every type K2 has, and a header.
INSERT INTO jos_k2_extra_fields (id, name, value, type, `group`,
  published, ordering) VALUES
  (1, 'Report number',
   '[{"name":null,"value":"","target":null,"alias":"report_number","required":0,"showNull":0}]',
   'textfield', 1, 1, 1),
  (2, 'Region',
   '[{"name":"Europe","value":1,"target":null},{"name":"Balkans","value":2,"target":null}]',
   'select', 1, 1, 2),
  (3, 'Source', '[{"name":null,"value":"","target":"same"}]', 'link', 1,
   1, 3),
  (4, 'Languages',
   '[{"name":"English","value":1},{"name":"French","value":2},{"name":"Croatian","value":3}]',
   'multipleSelect', 1, 1, 4),
  (5, 'Keywords', '[{"name":null,"value":""}]', 'labels', 1, 1, 5),
  (6, 'Figures', '[{"name":null,"value":""}]', 'csv', 1, 1, 6),
  (7, 'Launched', '[{"name":null,"value":""}]', 'date', 1, 1, 7),
  (8, 'Details', '[{"name":null,"value":"Details","displayInFrontEnd":1}]',
   'header', 1, 1, 8);

INSERT INTO jos_k2_items (id, title, alias, catid, published, introtext,
  `fulltext`, extra_fields, extra_fields_search, created, created_by,
  created_by_alias, checked_out, checked_out_time, modified, publish_up,
  publish_down, trash, access, image_caption, image_credits,
  video_caption, video_credits, hits, params, metadesc, metadata,
  metakey, plugins, language) VALUES
-- 12: non-ASCII title, a short intro (the dek), a full text with a
-- script, tags, every extra field (and one without a definition), two
-- comments, 2538 hits; written by a Joomla user.
  (12, 'Dubrač and the water: policy in Ünïcode', 'dubrac-and-the-water',
   3, 1, '<p>A short intro about <em>water</em> &amp; power.</p>',
   '<p>The full text, with <a href="https://example.org/dams">a link</a>.</p><script>alert(1)</script><h2>Dams</h2><p>Straße, Ōsaka, 東京.</p>',
   '[{"id":"1","value":"R-17"},{"id":"2","value":"2"},{"id":"3","value":["The report","https://example.org/report.pdf","new"]},{"id":"4","value":["1","3"]},{"id":"5","value":"water, dams , "},{"id":"6","value":[["Year","GWh"],["2018","12"]]},{"id":"7","value":"2019-05-01"},{"id":"99","value":"orphan"}]',
   '', '2019-05-03 10:20:00', 42, '', 0, '0000-00-00 00:00:00',
   '2019-05-04 08:00:00', '2019-05-03 10:20:00', '0000-00-00 00:00:00', 0,
   1, '', '', '', '', 2538, '', '', '', '', '', '*'),
-- 13: everything in a long intro and a full text (no dek), two authors
-- in the alias, a menu item of its own.
  (13, 'A long read', 'a-long-read', 4, 1,
   CONCAT('<p>', REPEAT('This intro is long enough to stay in the body. ', 14), '</p>'),
   '<p>And the rest of it.</p>', '', '', '2020-02-01 09:00:00', 43,
   'Jane Doe and John Roe', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2020-02-01 09:00:00', '0000-00-00 00:00:00', 0,
   1, '', '', '', '', 7, '', '', '', '', '', '*'),
-- 14: its publish_down has passed.
  (14, 'An expired notice', 'an-expired-notice', 3, 1, '<p>Gone.</p>', '',
   NULL, '', '2000-06-01 12:00:00', 42, '', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2000-06-01 12:00:00', '2001-01-01 00:00:00', 0,
   1, '', '', '', '', 3, '', '', '', '', '', '*'),
-- 15: to be published in 2099.
  (15, 'A future piece', 'a-future-piece', 4, 1, '<p>Soon.</p>', '',
   '[]', '', '2026-01-01 00:00:00', 42, '', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2099-01-01 08:00:00', '0000-00-00 00:00:00', 0,
   1, '', '', '', '', 0, '', '', '', '', '', '*'),
-- 16: in the trash.
  (16, 'A trashed draft', 'a-trashed-draft', 4, 0, '<p>No.</p>', '', '',
   '', '2021-01-01 00:00:00', 42, '', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2021-01-01 00:00:00', '0000-00-00 00:00:00', 1,
   1, '', '', '', '', 0, '', '', '', '', '', '*'),
-- 17: unpublished.
  (17, 'Work in progress', 'work-in-progress', 4, 0, '<p>Later.</p>', '',
   '', '', '2021-02-01 00:00:00', 43, '', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2021-02-01 00:00:00', '0000-00-00 00:00:00', 0,
   1, '', '', '', '', 11, '', '', '', '', '', '*'),
-- 18: a Greek title and alias; "Smith, J." is one author.
  (18, 'Ελληνικός τίτλος', 'ελληνικός-τίτλος', 2, 1,
   '<p>Κείμενο.</p>', '', '', '', '2022-03-01 00:00:00', 42, 'Smith, J.',
   0, '0000-00-00 00:00:00', '0000-00-00 00:00:00', '2022-03-01 00:00:00',
   '0000-00-00 00:00:00', 0, 1, '', '', '', '', 99, '', '', '', '', '',
   '*'),
-- 19: in a trashed category.
  (19, 'In old stuff', 'in-old-stuff', 5, 1, '<p>Old.</p>', '', '', '',
   '2015-01-01 00:00:00', 42, '', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2015-01-01 00:00:00', '0000-00-00 00:00:00', 0,
   1, '', '', '', '', 5, '', '', '', '', '', '*'),
-- 20: in an unpublished category.
  (20, 'Internal memo', 'internal-memo', 6, 1, '<p>Memo.</p>', '', '', '',
   '2023-01-01 00:00:00', 42, '', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2023-01-01 00:00:00', '0000-00-00 00:00:00', 0,
   1, '', '', '', '', 1, '', '', '', '', '', '*'),
-- 21: no title, no alias, a Joomla plugin tag in its text.
  (21, '', '', 4, 1, '<p>{loadposition ads} Text.</p>', '', '', '',
   '2023-02-01 00:00:00', 42, '', 0, '0000-00-00 00:00:00',
   '0000-00-00 00:00:00', '2023-02-01 00:00:00', '0000-00-00 00:00:00', 0,
   1, '', '', '', '', 0, '', '', '', '', '', '*');

INSERT INTO jos_k2_tags (id, name, published) VALUES
  (1, 'Water', 1), (2, 'Energy policy', 1), (3, 'Unused', 1);
INSERT INTO jos_k2_tags_xref (id, tagID, itemID) VALUES
  (1, 1, 12), (2, 2, 12), (3, 2, 13);

INSERT INTO jos_k2_comments (id, itemID, userID, userName, commentDate,
  commentText, commentEmail, commentURL, published) VALUES
  (1, 12, 0, 'Reader Ö', '2019-05-05 11:00:00', 'Thank you — very clear.',
   'reader@example.org', 'https://reader.example.org/', 1),
  (2, 12, 0, 'Spammer', '2019-05-06 11:00:00', 'Buy things', '', '', 0),
  (3, 16, 0, 'Someone', '2021-01-02 00:00:00', 'On a trashed item', '',
   '', 1);
