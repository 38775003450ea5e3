// Package codec reads and writes Parley's scenario files: Parley JSON, Parley
// CSV, the simple Actor,Capability,Position,Salience table, and KTAB's SMP CSV
// and XML. Reading is all or nothing: a file with one bad field gives no
// scenario, only a *model.Error whose Where names the file, line and column (or
// the XML element) and whose Rule names the rule broken, e.g.
//
//	gulf.csv:7:23: actor "Oman": capability -3 is negative (rule: capability ≥ 0)
//
// Every file is refused when it is larger than MaxFileSize, is not UTF-8 text
// (the message gives the line of the first bad byte), or holds a NaN, an
// infinity or an empty required field. A UTF-8 byte-order mark is skipped and
// old Mac line ends (a lone CR) count as line ends.
//
// # Detecting the format
//
// Detect looks at the content first: '{' followed by a key starts Parley JSON;
// a first CSV record whose third and fourth fields are whole numbers is KTAB
// CSV (<name>,<description>,<#actors>,<#dims>); '<' starts KTAB XML; a first
// record "Parley CSV,<version>" is Parley CSV; a second record starting
// Actor,Description,Power is KTAB CSV; a header naming Actor (or Stakeholder)
// and another simple-table column is a simple table. Only when the content
// says nothing does the extension decide (.json, .xml). ReadAs skips detection.
//
// # Parley JSON
//
// A model.File: {"format": "parley-scenario", "version": 1, "scenarios": [...]},
// the base scenario first, then its what-ifs (each with "base" naming the
// first scenario). It carries everything and reads back identical. A file
// whose version is above model.FileVersion is refused with code
// model.EVERSION; unknown or repeated keys are refused at their line.
//
// # Parley CSV
//
// One scenario, in sections. The first record is the marker and version,
// "Parley CSV,1". Each section is a line holding only "[name]", then a header
// line, then one line per row; blank lines are ignored. Columns may come in any
// order; the starred ones are required, the others may be left out or empty.
//
//	Parley CSV,1
//	[scenario]  Name*, Description, Date, Notes, BDM Rounds, BDM Q, Bloc Tolerance, Quota, Spread,
//	            Draws, Seed, VictoryProbModel, PCEModel, VotingRule, BigRRange, BigRAdjust, ThirdPartyCommit   (exactly one row)
//	[issues]    Key*, Name*, Description, Status Quo*, Source, Rationale, Scale Low, Scale High, Scale Unit
//	[anchors]   Issue*, At*, Label*                     (Issue = an issue's key or name)
//	[actors]    Name*, Label, Group, Colour, Capability*, Capability Low, Capability High, Notes, Source, Rationale
//	[stances]   Actor*, Issue*, Position*, Position Low, Position High, Salience*, Salience Low, Salience High, Source, Rationale
//
// For example:
//
//	Parley CSV,1
//	[scenario]
//	Name,Description,Date,Notes,BDM Rounds,BDM Q,Bloc Tolerance,Quota,Spread
//	Muscat 2026,US-Iran talks,2026-02-06,,0,0,0,0,0
//	[issues]
//	Key,Name,Description,Status Quo,Source,Rationale
//	scope,Scope of the agenda,,10,seed ¶2,Talks so far cover the nuclear file.
//	[anchors]
//	Issue,At,Label
//	scope,0,nuclear file only
//	scope,100,nuclear + missiles + proxies + normalisation
//	[actors]
//	Name,Label,Group,Colour,Capability,Capability Low,Capability High,Notes,Source,Rationale
//	United States,US,West,#1f77b4,100,80,100,Washington,seed,Largest actor
//	[stances]
//	Actor,Issue,Position,Position Low,Position High,Salience,Salience Low,Salience High,Source,Rationale
//	United States,scope,90,80,100,70,,,seed ¶3,"""Missiles must be on the table."""
//
// [scenario] is required; the others may be missing (no issues, no actors).
// Settings of 0 mean the model's default; the SMP's options are KTAB's names
// (any case; empty = KTAB's default), Draws and Seed are the Monte Carlo's. Cells are read with surrounding
// spaces trimmed; text may span lines inside quotes (its line ends read back
// as "\n"). "Color" is accepted for "Colour" and "Bloc" for "Group".
// There is at most one [stances] row per actor and issue: a second row for
// the same pair is refused, and a pair without a row is an unset stance (left
// out of every model until the analyst sets it). A range is given by both its
// Low and its High cell, or by neither. Saliences are on 0-100; positions,
// position ranges, the status quo and anchors are on 0-100 too, unless the
// issue gives its own scale (Scale Low and Scale High, e.g. 4 and 10 years):
// then they are on that scale, as the analyst reads them, and are mapped onto
// 0-100 for the models (model.IssueScale). The .xlsx workbook has the same
// columns. Capability is ≥ 0 on any ratio scale.
// What-ifs are not part of the CSV: Write warns and leaves them out.
//
// # Simple table
//
// Header Actor,Capability,Position,Salience (also Stakeholder,Resources,...;
// any column order), one actor per line, one issue called "Issue" (key
// "issue"); the scenario is named after the file. Saliences: if any is above 1
// the column is read as 0-100, else as 0-1 and multiplied by 100. Positions
// are kept as they are when all lie within 0-100, even on another scale (years
// 4-10, or 0-1); a note says so. A position outside 0-100 is refused at its
// cell (a typo, 140 among values up to 60, must not silently rescale the
// column) unless the analyst chooses the file's own scale (Options.OwnScale:
// "use the file's own scale" in the import preview, --rescale in parley-cli):
// the positions are then mapped linearly from [min, max] onto 0-100 and the
// issue keeps [min, max] as its own scale. The same choice puts an in-range
// column (years 4-10) on its own scale too. Written, a simple table gives
// positions on the issue's own scale. The plain actor × issue sheet of .xlsx
// follows the same rule per issue, and an empty position and salience pair
// there is an unset stance. A Decide file's #M points are the issue's own
// scale.
//
// # Every problem at once
//
// Problems (and ReadAsked, which the window's import preview calls) lists
// every problem of a refused file with its place, not just the first: the
// line (or the workbook row) of each is set aside and the file read again. Chart labels are derived from the names.
//
// # KTAB CSV and XML
//
// As in KTAB v1.4 (MODELS.md §2.2). Each dimension becomes an issue (name from
// the "<dim> Position" column or <dName>, key a slug of it), an actor's
// description becomes its notes, Power/Influence its capability; positions and
// saliences are already 0-100. Reading enforces KTAB's rules: 3 to 250 actors,
// names of 1-25 characters, descriptions up to 256, capability 0 to 1e8, each
// position and salience within 0-100, an actor's saliences summing to at most
// 100, and the declared counts matching the rows. Writing fits a scenario to
// those rules and warns about each change: names cut to 25 characters (kept
// unique), descriptions to 256, and the saliences of an actor that sum above
// 100 scaled down proportionally to sum to 100. Non-default
// <ModelParameters> are kept in the scenario's notes, with a warning.
//
// # Formula-like text in CSV
//
// Every CSV writer (Parley CSV, simple table, KTAB CSV) writes a text cell
// starting with =, +, -, @, a tab or a carriage return with a single quote
// in front, so that a spreadsheet shows it as text instead of running it;
// number cells are written as numbers. Every CSV reader strips that quote
// again (inject.go has the exact, invertible rule).
//
// # Spreadsheets (.xlsx)
//
// A workbook is recognised by its magic bytes (it is a zip archive), whatever
// its name. Cells are read as stored (a number as its full value, not as a
// cell format shows it), trimmed; a sheet's empty rows are skipped. Every
// refusal names the sheet and the cell, e.g.
//
//	Muscat.xlsx: sheet stances, cell F7: actor "Oman" on "Enrichment level" salience: 140 is outside 0-100 (rule: 0-100 scale)
//
// Parley's own workbook (written by Write, read when a sheet is called
// "scenario") has one sheet per table, with the columns of the Parley CSV
// sections above in row 1: scenario (one row), issues, anchors, actors,
// stances (ranges, sources and rationales included), and what-ifs, which
// Parley CSV cannot hold:
//
//	what-ifs   What-if*, Description, Date, Notes, the settings columns of [scenario],
//	           Actor, Issue, Field, Value, Rationale
//
// one row per override (Field is capability, position or salience), the
// what-if's own fields on its first row (later rows leave them empty); a
// what-if without overrides is one row with Actor empty. Sheet names are
// matched without regard to case; a missing sheet other than scenario means
// an empty table. A date cell that a spreadsheet turned into a day number
// reads back as YYYY-MM-DD. Nothing is lost: the default scenario and every
// shared input read back equal. Text longer than a cell holds (32767
// characters) is refused when writing.
//
// Any other workbook is read as a plain actor × issue sheet, from its first
// sheet: row 1 is the header, then one row per actor.
//
//	Actor*, Capability*, Label, Group, Notes, <issue> Position*, <issue> Salience*, ...
//
// "Stakeholder" or "Name" is accepted for Actor; "Resources", "Power",
// "Influence" or "Clout" for Capability; "Bloc" for Group, "Description" for
// Notes. Every other column must be "<issue> Position" or "<issue> Salience"
// and each issue needs both, in any order; issues come in the order of their
// first column, keyed by a slug of the name. A row whose Actor cell says
// "Status quo" gives each issue's status quo in its Position cells (else 0).
// Positions and saliences are on 0-100; when no salience on the sheet is
// above 1 (a cell formatted as 30 % stores 0.3) all are read as fractions and
// multiplied by 100, with a warning. Labels are derived from names where the
// Label column is empty. The scenario is named after the file.
package codec
