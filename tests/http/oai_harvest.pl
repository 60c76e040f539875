#!/usr/bin/perl
# A full OAI-PMH harvest by Debian's libhttp-oai-perl (HTTP::OAI::Harvester),
# for tests/http/test_oai.py: Identify, then ListRecords in oai_dc,
# following resumption tokens as the harvester does.  One line a record,
# tab-separated: identifier, datestamp, setSpec, title, creators (joined
# by " | "), or for a deleted record: "deleted", identifier, datestamp;
# then "repository", its name, granularity and deletedRecord.  Exit 1
# with the repository's message on an error.
use strict;
use warnings;
use HTTP::OAI;
use HTTP::OAI::Metadata::OAI_DC;

binmode(STDOUT, ':encoding(UTF-8)');
my $base = shift @ARGV or die "usage: oai_harvest.pl BASEURL\n";
my $h = HTTP::OAI::Harvester->new(baseURL => $base);
my $id = $h->Identify();
die "Identify: " . $id->message . "\n" if $id->is_error;
$h->repository($id);
my $lr = $h->ListRecords(
	metadataPrefix => 'oai_dc',
	handlers => { metadata => 'HTTP::OAI::Metadata::OAI_DC' },
	onRecord => sub {
		my $rec = shift;
		if ($rec->is_deleted) {
			print join("\t", "deleted", $rec->identifier,
			    $rec->datestamp), "\n";
			return;
		}
		my $dc = $rec->metadata->dc;
		print join("\t", $rec->identifier, $rec->datestamp,
		    join(',', $rec->header->setSpec),
		    join(' | ', @{$dc->{title} || []}),
		    join(' | ', @{$dc->{creator} || []})), "\n";
	});
die "ListRecords: " . $lr->message . "\n" if $lr->is_error;
print "repository\t", $id->repositoryName, "\t", $id->granularity, "\t",
    $id->deletedRecord, "\n";
