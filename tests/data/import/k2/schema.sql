-- A K2-shaped database for tests/http/test_import_k2.py: the tables of
-- K2 2.x that the importer reads (their columns as K2's installer makes
-- them), with Joomla 3's users and menu tables reduced to the columns a
-- site always has.  Written for the tests; the prefix is jos_.
CREATE TABLE jos_users (
  id int(11) NOT NULL AUTO_INCREMENT,
  name varchar(400) NOT NULL DEFAULT '',
  username varchar(150) NOT NULL DEFAULT '',
  email varchar(100) NOT NULL DEFAULT '',
  password varchar(100) NOT NULL DEFAULT '',
  block tinyint(4) NOT NULL DEFAULT 0,
  registerDate datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jos_menu (
  id int(11) NOT NULL AUTO_INCREMENT,
  menutype varchar(24) NOT NULL,
  title varchar(255) NOT NULL,
  alias varchar(400) NOT NULL,
  path varchar(1024) NOT NULL,
  link varchar(1024) NOT NULL,
  type varchar(16) NOT NULL,
  published tinyint(4) NOT NULL DEFAULT 0,
  parent_id int(10) unsigned NOT NULL DEFAULT 1,
  level int(10) unsigned NOT NULL DEFAULT 0,
  component_id int(10) unsigned NOT NULL DEFAULT 0,
  client_id tinyint(4) NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jos_k2_categories (
  id int(11) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(255) NOT NULL,
  alias varchar(255) NOT NULL,
  description text NOT NULL,
  parent int(11) DEFAULT 0,
  extraFieldsGroup int(11) NOT NULL,
  published smallint(6) NOT NULL DEFAULT 0,
  access int(11) NOT NULL DEFAULT 0,
  ordering int(11) NOT NULL DEFAULT 0,
  image varchar(255) NOT NULL,
  params text NOT NULL,
  trash smallint(6) NOT NULL DEFAULT 0,
  plugins text NOT NULL,
  language char(7) NOT NULL,
  PRIMARY KEY (id),
  KEY parent (parent)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jos_k2_comments (
  id int(11) NOT NULL AUTO_INCREMENT,
  itemID int(11) NOT NULL,
  userID int(11) NOT NULL,
  userName varchar(255) NOT NULL,
  commentDate datetime NOT NULL,
  commentText text NOT NULL,
  commentEmail varchar(255) NOT NULL,
  commentURL varchar(255) NOT NULL,
  published int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY itemID (itemID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jos_k2_extra_fields (
  id int(11) NOT NULL AUTO_INCREMENT,
  name varchar(255) NOT NULL,
  value text NOT NULL,
  type varchar(255) NOT NULL,
  `group` int(11) NOT NULL,
  published tinyint(4) NOT NULL,
  ordering int(11) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jos_k2_items (
  id int(11) NOT NULL AUTO_INCREMENT,
  title varchar(255) NOT NULL,
  alias varchar(255) DEFAULT NULL,
  catid int(11) NOT NULL,
  published smallint(6) NOT NULL DEFAULT 0,
  introtext mediumtext NOT NULL,
  `fulltext` mediumtext NOT NULL,
  video text,
  gallery varchar(255) DEFAULT NULL,
  extra_fields text,
  extra_fields_search text NOT NULL,
  created datetime NOT NULL,
  created_by int(11) NOT NULL DEFAULT 0,
  created_by_alias varchar(255) NOT NULL,
  checked_out int(10) unsigned NOT NULL,
  checked_out_time datetime NOT NULL,
  modified datetime NOT NULL,
  modified_by int(11) NOT NULL DEFAULT 0,
  publish_up datetime NOT NULL,
  publish_down datetime NOT NULL,
  trash smallint(6) NOT NULL DEFAULT 0,
  access int(11) NOT NULL DEFAULT 0,
  ordering int(11) NOT NULL DEFAULT 0,
  featured smallint(6) NOT NULL DEFAULT 0,
  featured_ordering int(11) NOT NULL DEFAULT 0,
  image_caption text NOT NULL,
  image_credits varchar(255) NOT NULL,
  video_caption text NOT NULL,
  video_credits varchar(255) NOT NULL,
  hits int(10) unsigned NOT NULL,
  params text NOT NULL,
  metadesc text NOT NULL,
  metadata text NOT NULL,
  metakey text NOT NULL,
  plugins text NOT NULL,
  language char(7) NOT NULL,
  PRIMARY KEY (id),
  KEY catid (catid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jos_k2_tags (
  id int(11) NOT NULL AUTO_INCREMENT,
  name varchar(255) NOT NULL,
  published smallint(6) NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE jos_k2_tags_xref (
  id int(11) NOT NULL AUTO_INCREMENT,
  tagID int(11) NOT NULL,
  itemID int(11) NOT NULL,
  PRIMARY KEY (id),
  KEY tagID (tagID),
  KEY itemID (itemID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
