// The command line's messages in Chinese (its refusals and what it reports), apart from the rest of the catalog (./zh-CN.ts) that spreads them in.
export const cliZhCN = {
  'cli.adminNoSealKey': '--admin {{no}}：这位管理员没有封印密钥的副本，或密码不对',
  'cli.badAllowedHost': '--allowed-host 不是有效的主机名：{{host}}',
  'cli.badPort': '--port 应为 0–65535 的整数：{{port}}',
  'cli.cannotConnect': '无法连接数据库 {{db}}：{{why}}',
  'cli.db.cannotMigrate': '无法升级数据库 {{db}}：{{why}}',
  'cli.db.checked': '核对完成：{{documents}} 个文档、{{people}} 人的记录、{{drafts}} 份草稿、{{files}} 个证据文件与来源一致',
  'cli.db.documents':
    '共享文档：新复制 {{docs}}，已相同 {{docsSame}}；剖析材料草稿：新复制 {{drafts}}，已相同 {{draftsSame}}；学习文件 {{studyFiles}} 个；证据文件（照片、附件）：新复制 {{files}}，已相同 {{filesSame}}',
  'cli.db.exportIntoNew': '数据文件夹已有数据，导出只能到新文件夹：{{dir}}',
  'cli.db.exporting': '把 {{db}} 导出到 {{dir}}',
  'cli.db.importing': '把 {{dir}} 迁入 {{db}}',
  'cli.db.migrated': '数据库 {{db}} 的结构已从版本 {{from}} 升级到 {{to}}',
  'cli.db.noData': '缺少参数 --data（服务器存放学习文件的文件夹，用来把文件一起导出）',
  'cli.db.noDb': '缺少参数 --db（或环境变量 ANXUE_DB）',
  'cli.db.noFolder': '缺少数据文件夹路径',
  'cli.db.people': '人员记录：新复制 {{copied}}，补齐 {{toppedUp}}，已相同 {{same}}（共 {{events}} 条新记录）',
  'cli.db.unknown': '未知的 db 子命令：{{sub}}（可用：db migrate、db import-folder DIR、db export-folder DIR）',
  'cli.db.upToDate': '数据库 {{db}} 已是最新结构（版本 {{to}}）',
  'cli.dbAddress': '--db 应为 postgres://… 形式的地址：{{db}}',
  'cli.dbNotInitialized': '数据库尚未初始化：{{db}}（先在这个数据库上运行 serve 并完成首次设置）',
  'cli.dbSetUpAlready': '数据库已初始化：{{db}}',
  'cli.demoIntoNewDb': '数据库已有数据，演示数据只能建在新数据库里：{{db}}',
  'cli.demoIntoNewFolder': '数据文件夹已有数据，演示数据只能建在新文件夹里：{{dir}}',
  'cli.folderNotInitialized': '数据文件夹尚未初始化：{{dir}}（先运行 init 或 demo）',
  'cli.folderNotSetUp': '数据文件夹尚未初始化：{{dir}}',
  'cli.folderSetUpAlready': '数据文件夹已初始化：{{dir}}',
  'cli.insecureWithTls': '--insecure-http 不能与 --tls-cert / --tls-key 同时使用',
  'cli.keyNeither': '--key {{key}}：既不是公钥文件，也不是 SHA-256 指纹',
  'cli.keyNotPem': '--key {{key}}：不是公钥文件（PEM）',
  'cli.mergeSameFolder': '来源和目标是同一个数据文件夹',
  'cli.mergeSourceMissing': '找不到要合并的来源：{{src}}',
  'cli.missingOption': '缺少参数 --{{flag}}',
  'cli.noAdminOptions': '缺少参数 --admin 工号 --password-file 文件',
  'cli.noBackupPath': '缺少备份文件路径',
  'cli.noDataFolder': '数据文件夹不存在：{{dir}}',
  'cli.noEmployeeNo': '缺少工号',
  'cli.noFile': '文件不存在：{{file}}',
  'cli.noMergeSource': '缺少要合并的工作站导出文件（.zip）或数据文件夹',
  'cli.noPasswordFile': '密码文件不存在：{{file}}',
  'cli.noRosterPath': '缺少花名册文件路径',
  'cli.noSigningKey': '尚无签名密钥：系统管理员登录一次即可生成',
  'cli.noVerifyTarget': '缺少要校验的档案文件夹或 .zip',
  'cli.note': '注意：{{note}}',
  'cli.notDataFolder': '不是安学数据文件夹（没有 meta.json）：{{dir}}',
  'cli.optionRule': '{{flag}}：{{rule}}',
  'cli.outNotZip': '--out 应为 .zip 文件：{{file}}',
  'cli.restoreIntoNew': '数据文件夹已有数据，恢复只能恢复到新文件夹：{{dir}}',
  'cli.signAsNotAdmin': '--sign-as {{admin}}：不是系统管理员，或密码不对',
  'cli.signingKeyLocked': '{{admin}} 的签名密钥副本无法解锁',
  'cli.testClockOnly': '--test-clock-speed 仅供自动化测试使用',
  'cli.testClockRange': '--test-clock-speed 应在 1–1000 之间',
  'cli.tlsPair': '--tls-cert 和 --tls-key 需要一起给出',
  'cli.unknownAccounts': '未知的 accounts 子命令：{{sub}}（可用：{{subs}}）',
  'cli.unknownExport': '未知的 export 子命令：{{sub}}（可用：export person EMPLOYEE_NO --data DIR --out DIR；export batch --data DIR --out DIR [--campaign ID] [--dept 部门] [--team 班组] [--zip]）',
  'cli.unknownCommand': '未知命令：{{cmd}}\n{{usage}}',
  'cli.unknownRole': '缺少或未知的角色：{{role}}（可用：{{roles}}）',
  'cli.unknownRoster': '未知的 roster 子命令：{{sub}}（可用：roster import FILE --data DIR）',
  'cli.unknownSeal': '未知的 seal 子命令：{{sub}}（可用：seal status --data DIR；seal unlock --data DIR --admin 工号 --password-file 文件）',
  'cli.usage': `用法：npm run anxue -- <命令>
  init --data DIR --enterprise NAME --admin USER --password-file FILE [--admin-name NAME] [--db postgres://…]
  roster import FILE --data DIR [--db postgres://…]
  accounts list --data DIR [--db postgres://…]
  accounts grant|revoke EMPLOYEE_NO ROLE --data DIR   （ROLE：employee、officer、archivist、admin）
  accounts reset-password|disable|enable|end-sessions EMPLOYEE_NO --data DIR [--reason TEXT]
  demo --data DIR [--db URL]
  serve --data DIR --port N [--host H] [--allowed-host NAME …] [--db postgres://…]
        [--tls-cert FILE --tls-key FILE | --insecure-http]   （对本机以外开放时用 HTTPS：未给出证书时生成并保存在 DIR/tls）
  export person EMPLOYEE_NO --data DIR --out DIR [--db postgres://…] [--sign-as ADMIN --password-file FILE]
  export batch --data DIR --out DIR [--campaign ID] [--dept D] [--team T] [--zip] [--db postgres://…]
  export workstation --data DIR --out FILE.zip [--station NAME]   （单独运行的电脑的记录，用于 merge）
  merge SOURCE --data DIR [--db postgres://…] [--station NAME] [--admin NO --password-file FILE]
                               （SOURCE：那个 .zip，或那台电脑的数据文件夹）
  （--db 或 ANXUE_DB：记录存放在该 PostgreSQL 数据库中；--data 则只存放文件）
  verify PATH [--key FILE|FINGERPRINT]   （一份导出的文件夹、存放多份导出的文件夹，或它们的 .zip：退出码 0 未被改动，
                               1 已被改动（或用 --key 时不是该密钥签署），2 不是档案或无法读取）
  check --data DIR [--admin NO --password-file FILE]   （逐条核对记录与其封印和签名检查点：
                               退出码 0 全部相符，1 有记录被改写；--admin：用于没有封印密钥的电脑）
  seal status|unlock --data DIR [--admin NO --password-file FILE]   （本机的记录封印密钥：unlock 从一位管理员的
                               副本取得密钥，用于从其他电脑搬来的数据文件夹）
  key --data DIR [--out FILE]  （签名密钥的指纹；--out：导出公钥，交给检查人员）
  backup --out FILE.zip --data DIR [--db postgres://…]      （服务运行时也可以）
  restore FILE.zip --data DIR [--db postgres://…] [--admin NO --password-file FILE]
                               （恢复到新的文件夹或空数据库；--admin：在其他电脑上恢复有封印的备份）
  db migrate --db postgres://…                     （把数据库结构升级到本程序的版本）
  db import-folder DIR --db postgres://… [--data FILES]   （把 lowdb 数据文件夹迁入 PostgreSQL；中断后再运行一次即可继续）
  db export-folder DIR --db postgres://… --data FILES     （把 PostgreSQL 导出到新的 lowdb 数据文件夹）`,
};
