// The command line's messages in English. Same keys as ./cli-zh-CN.ts: the type makes a missing or extra key a compile error.
import type { cliZhCN } from './cli-zh-CN';

export const cliEnUS: Record<keyof typeof cliZhCN, string> = {
  'cli.adminNoSealKey': '--admin {{no}}: this admin holds no copy of the seal key, or the password is wrong',
  'cli.badAllowedHost': '--allowed-host is not a valid host name: {{host}}',
  'cli.badPort': '--port should be a whole number from 0 to 65535: {{port}}',
  'cli.cannotConnect': 'cannot connect to the database {{db}}: {{why}}',
  'cli.db.cannotMigrate': 'cannot upgrade the database {{db}}: {{why}}',
  'cli.db.checked': 'checked: {{documents}} documents, the records of {{people}} people, {{drafts}} drafts and {{files}} evidence files match the source',
  'cli.db.documents':
    'shared documents: {{docs}} copied, {{docsSame}} the same already; essay drafts: {{drafts}} copied, {{draftsSame}} the same already; {{studyFiles}} study files; evidence files (photos, attachments): {{files}} copied, {{filesSame}} the same already',
  'cli.db.exportIntoNew': 'the data folder holds data already: an export goes into a new folder only: {{dir}}',
  'cli.db.exporting': 'exporting {{db}} to {{dir}}',
  'cli.db.importing': 'moving {{dir}} into {{db}}',
  'cli.db.migrated': "the database {{db}}'s structure was upgraded from version {{from}} to {{to}}",
  'cli.db.noData': "missing option --data (the server's folder of study files, exported with the records)",
  'cli.db.noDb': 'missing option --db (or the environment variable ANXUE_DB)',
  'cli.db.noFolder': 'missing the data folder path',
  'cli.db.people': "people's records: {{copied}} copied, {{toppedUp}} topped up, {{same}} the same already ({{events}} new records in all)",
  'cli.db.unknown': 'unknown db subcommand: {{sub}} (there are: db migrate, db import-folder DIR, db export-folder DIR)',
  'cli.db.upToDate': 'the database {{db}} has the latest structure already (version {{to}})',
  'cli.dbAddress': '--db should be an address of the form postgres://…: {{db}}',
  'cli.dbNotInitialized': 'the database is not set up yet: {{db}} (run serve on it and finish the first setup first)',
  'cli.dbSetUpAlready': 'the database is set up already: {{db}}',
  'cli.demoIntoNewDb': 'the database holds data already: demo data goes into a new database only: {{db}}',
  'cli.demoIntoNewFolder': 'the data folder holds data already: demo data goes into a new folder only: {{dir}}',
  'cli.folderNotInitialized': 'the data folder is not set up yet: {{dir}} (run init or demo first)',
  'cli.folderNotSetUp': 'the data folder is not set up yet: {{dir}}',
  'cli.folderSetUpAlready': 'the data folder is set up already: {{dir}}',
  'cli.insecureWithTls': '--insecure-http cannot be used together with --tls-cert or --tls-key',
  'cli.keyNeither': '--key {{key}}: neither a key file nor a SHA-256 fingerprint',
  'cli.keyNotPem': '--key {{key}}: not a public key file (PEM)',
  'cli.mergeSameFolder': 'the source and the target are the same data folder',
  'cli.mergeSourceMissing': 'the source to merge cannot be found: {{src}}',
  'cli.missingOption': 'the option --{{flag}} is missing',
  'cli.noAdminOptions': 'missing --admin NO --password-file FILE',
  'cli.noBackupPath': 'the path of the backup file is missing',
  'cli.noDataFolder': 'the data folder does not exist: {{dir}}',
  'cli.noEmployeeNo': 'the employee no. is missing',
  'cli.noFile': 'the file does not exist: {{file}}',
  'cli.noMergeSource': 'the workstation export (.zip) or data folder to merge is missing',
  'cli.noPasswordFile': 'the password file does not exist: {{file}}',
  'cli.noRosterPath': 'the path of the roster file is missing',
  'cli.noSigningKey': "no signing key yet: it is made at an admin's next sign-in",
  'cli.noVerifyTarget': 'the archive folder or .zip to verify is missing',
  'cli.note': 'note: {{note}}',
  'cli.notDataFolder': 'not an Anxue data folder (no meta.json): {{dir}}',
  'cli.optionRule': '{{flag}}: {{rule}}',
  'cli.outNotZip': '--out should be a .zip file: {{file}}',
  'cli.restoreIntoNew': 'the data folder holds data already: a restore goes into a new folder only: {{dir}}',
  'cli.signAsNotAdmin': '--sign-as {{admin}}: not an admin, or the wrong password',
  'cli.signingKeyLocked': 'the copy of the signing key held by {{admin}} could not be unlocked',
  'cli.testClockOnly': '--test-clock-speed is for automated tests only',
  'cli.testClockRange': '--test-clock-speed should be from 1 to 1000',
  'cli.tlsPair': '--tls-cert and --tls-key go together',
  'cli.unknownAccounts': 'unknown accounts subcommand: {{sub}} (there are: {{subs}})',
  'cli.unknownExport':
    'unknown export subcommand: {{sub}} (there are: export person EMPLOYEE_NO --data DIR --out DIR; export batch --data DIR --out DIR [--campaign ID] [--dept DEPARTMENT] [--team TEAM] [--zip])',
  'cli.unknownCommand': 'unknown command: {{cmd}}\n{{usage}}',
  'cli.unknownRole': 'a missing or unknown role: {{role}} (there are: {{roles}})',
  'cli.unknownRoster': 'unknown roster subcommand: {{sub}} (there is: roster import FILE --data DIR)',
  'cli.unknownSeal': 'unknown seal subcommand: {{sub}} (there are: seal status --data DIR; seal unlock --data DIR --admin NO --password-file FILE)',
  'cli.usage': `usage: npm run anxue -- <command>
  init --data DIR --enterprise NAME --admin USER --password-file FILE [--admin-name NAME] [--db postgres://…]
  roster import FILE --data DIR [--db postgres://…]
  accounts list --data DIR [--db postgres://…]
  accounts grant|revoke EMPLOYEE_NO ROLE --data DIR   (ROLE: employee, officer, archivist, admin)
  accounts reset-password|disable|enable|end-sessions EMPLOYEE_NO --data DIR [--reason TEXT]
  demo --data DIR [--db URL]
  serve --data DIR --port N [--host H] [--allowed-host NAME …] [--db postgres://…]
        [--tls-cert FILE --tls-key FILE | --insecure-http]   (beyond this PC: HTTPS, with a certificate made and kept in DIR/tls unless given)
  export person EMPLOYEE_NO --data DIR --out DIR [--db postgres://…] [--sign-as ADMIN --password-file FILE]
  export batch --data DIR --out DIR [--campaign ID] [--dept D] [--team T] [--zip] [--db postgres://…]
  export workstation --data DIR --out FILE.zip [--station NAME]   (a PC that ran on its own, for merge)
  merge SOURCE --data DIR [--db postgres://…] [--station NAME] [--admin NO --password-file FILE]
                               (SOURCE: that .zip, or the PC's data folder)
  (--db, or ANXUE_DB: records in that PostgreSQL database; --data then holds files only)
  verify PATH [--key FILE|FINGERPRINT]   (an export folder, a folder of exports, or a .zip of either: exit 0 intact,
                               1 altered (or, with --key, not signed by that key), 2 not an archive or not readable)
  check --data DIR [--admin NO --password-file FILE]   (every record against its seal and its signed checkpoints:
                               exit 0 all match, 1 a record was rewritten; --admin: on a PC that does not hold the seal key)
  seal status|unlock --data DIR [--admin NO --password-file FILE]   (the records' seal key on this PC: unlock takes it
                               from an admin's copy, for a folder brought from another PC)
  key --data DIR [--out FILE]  (the signing key's fingerprint; --out: its public key, for an inspector)
  backup --out FILE.zip --data DIR [--db postgres://…]      (while the server runs, too)
  restore FILE.zip --data DIR [--db postgres://…] [--admin NO --password-file FILE]
                               (into a new folder or an empty database; --admin: a sealed backup on another PC)
  db migrate --db postgres://…                     (the database's schema to this program's version)
  db import-folder DIR --db postgres://… [--data FILES]   (a lowdb data folder into PostgreSQL; run again to resume)
  db export-folder DIR --db postgres://… --data FILES     (PostgreSQL into a new lowdb data folder)`,
};
