// The CLI's error messages, one catalog: a message id → its English and
// Chinese text, with {placeholders} filled from the error's params.
// Errors carry the id and params (CliError); the top-level handler in main.ts
// renders them in the language cliLocale() chose. The English text is what the
// CLI always printed: tests and scripts read it.
import type { MessageRef, Problem } from '../snapshot/schema.ts';
import type { CliLocale } from './locale.ts';

export const MESSAGES = {
  // Files being read
  'file.missing': {
    en: '{path}: no such file; check the name and folder',
    'zh-CN': '{path}：文件不存在；请检查文件名和所在文件夹',
  },
  'file.missingPage': {
    en: '{path}: no such file; check the name and the folder',
    'zh-CN': '{path}：文件不存在；请检查文件名和所在文件夹',
  },
  'file.denied': {
    en: '{path}: permission denied; check that you may read this file',
    'zh-CN': '{path}：没有读取权限；请确认您可以读取这个文件',
  },
  'file.unreadable': {
    en: '{path}: cannot read ({reason})',
    'zh-CN': '{path}：无法读取（{reason}）；请确认这是一个可以打开的文件',
  },
  'file.isFolderSnapshot': {
    en: '{path}: is a directory (a folder), not a snapshot file; give the .json file inside it',
    'zh-CN': '{path}：这是一个文件夹，不是快照文件；请给出其中的 .json 文件',
  },
  'file.isFolderPage': {
    en: '{path}: is a directory (a folder), not a file; give a .txt or .html plan page inside it',
    'zh-CN': '{path}：这是一个文件夹，不是文件；请给出其中的 .txt 或 .html 规划页面',
  },
  'file.pageTooLarge': {
    en: '{path}: file too large ({size} bytes; a plan page is at most {max}); check that this is the page you meant',
    'zh-CN': '{path}：文件过大（{size} 字节；规划页面最多 {max} 字节）；请确认这是您要的页面',
  },
  'file.snapshotTooLarge': {
    en: '{path}: file too large ({size} bytes; a snapshot holds at most {max} characters); split it with "planmeter split {path} --before YYYY-MM-DD", or check that this is the right file',
    'zh-CN': '{path}：文件过大（{size} 字节；快照文件最多 {max} 个字符）；请用 "planmeter split {path} --before YYYY-MM-DD" 拆分，或确认文件是否选对',
  },
  'file.empty': {
    en: '{path}: the file is empty',
    'zh-CN': '{path}：文件是空的；请给出保存了规划内容的页面',
  },
  'file.blank': {
    en: '{path}: the file holds only white space',
    'zh-CN': '{path}：文件只有空白字符；请给出保存了规划内容的页面',
  },
  'file.binary': {
    en: '{path}: binary file (contains NUL bytes and no UTF-16 byte-order mark), expected a .txt or .html plan page',
    'zh-CN': '{path}：这是二进制文件（含 NUL 字节且没有 UTF-16 字节序标记），应为 .txt 或 .html 规划页面',
  },
  'file.notText': {
    en: '{path}: not a text file ({bad} bytes are not valid UTF-8, GB18030 or Big5)',
    'zh-CN': '{path}：不是文本文件（有 {bad} 个字节不是有效的 UTF-8、GB18030 或 Big5）；请另存为 .txt 或 .html 后再试',
  },
  // Files being written
  'write.noFolder': {
    en: '{path}: the folder {folder} does not exist; create it first or give another path',
    'zh-CN': '{path}：文件夹 {folder} 不存在；请先创建该文件夹，或换一个路径',
  },
  'write.failed': {
    en: '{path}: cannot write ({reason}){hint}',
    'zh-CN': '{path}：无法写入（{reason}）{hint}',
  },
  'write.hintDiskFull': {
    en: '; the disk is full: free space and run the command again (the old file is unchanged)',
    'zh-CN': '；磁盘已满：请释放空间后重新执行（原文件未改动）',
  },
  'write.hintPermission': {
    en: '; check that you may write to {folder}',
    'zh-CN': '；请确认您可以写入 {folder}',
  },
  // Locks
  'lock.cannotCreate': {
    en: '{path}: cannot create the lock file {lock} ({reason}); check that you may write to {folder}',
    'zh-CN': '{path}：无法创建锁文件 {lock}（{reason}）；请确认您可以写入 {folder}',
  },
  'lock.held': {
    en: '{path}: process {pid} on {host} since {since} is writing this file (lock {lock}); try again when it has finished, or delete the lock file if no planmeter is running',
    'zh-CN': '{path}：进程 {pid}（主机 {host}，自 {since} 起）正在写入这个文件（锁文件 {lock}）；请等它完成后再试，如果没有 planmeter 在运行，可删除该锁文件',
  },
  'lock.heldUnknown': {
    en: '{path}: another process is writing this file (lock {lock}); try again when it has finished, or delete the lock file if no planmeter is running',
    'zh-CN': '{path}：另一个进程正在写入这个文件（锁文件 {lock}）；请等它完成后再试，如果没有 planmeter 在运行，可删除该锁文件',
  },
  // Snapshots
  'snapshot.unusable': {
    en: '{path}: not a usable snapshot:\n{problems}',
    'zh-CN': '{path}：不是可用的快照文件：\n{problems}',
  },
  'snapshot.notWritten': {
    en: '{path}: {problem}',
    'zh-CN': '{path}：快照超出上限：{problem}',
  },
  'snapshot.tooLargeToRead': {
    en: 'file too large: {chars} characters, at most {max}; {wayOut}',
    'zh-CN': '文件过大：{chars} 个字符，最多 {max}；{wayOut}',
  },
  'snapshot.tooManyEntries': {
    en: 'too many entries: {count}, at most {max} in one file; {wayOut}',
    'zh-CN': '条目过多：{count} 条，一个文件最多 {max} 条；{wayOut}',
  },
  'snapshot.wouldHoldEntries': {
    en: 'the file would hold {count} entries, more than the {max} any PlanMeter reads back; nothing was written; {wayOut}',
    'zh-CN': '文件将有 {count} 条记录，超过 PlanMeter 能读回的 {max} 条；未写入任何内容；{wayOut}',
  },
  'snapshot.wouldBeChars': {
    en: 'the file would be {chars} characters, more than the {max} any PlanMeter reads back; nothing was written; {wayOut}',
    'zh-CN': '文件将有 {chars} 个字符，超过 PlanMeter 能读回的 {max} 个；未写入任何内容；{wayOut}',
  },
  'snapshot.wayOut': {
    en: 'move older entries to another file with "planmeter split {path} --before YYYY-MM-DD" (or export fewer plans per file)',
    'zh-CN': '请用 "planmeter split {path} --before YYYY-MM-DD" 把较早的记录移到另一个文件（或每个文件导出较少的规划）',
  },
  'snapshot.tooDeep': {
    en: 'nested more than {max} levels deep (a snapshot needs 6); this is not a PlanMeter export: remove the field at {at}',
    'zh-CN': '嵌套超过 {max} 层（快照只需 6 层）；这不是 PlanMeter 导出的文件：请删除 {at} 处的字段',
  },
  'snapshot.badJson': {
    en: 'not valid JSON: {detail}',
    'zh-CN': 'JSON 格式错误：{detail}；请用文本编辑器检查该位置，或重新导出',
  },
  'snapshot.duplicateKey': {
    en: 'this key appears twice in one object; keep one (merge the two lists by hand, or with "planmeter merge")',
    'zh-CN': '同一对象中这个键出现了两次；请只保留一个（手工合并两个列表，或用 "planmeter merge"）',
  },
  'snapshot.notObject': {
    en: 'a snapshot must be a JSON object',
    'zh-CN': '快照必须是一个 JSON 对象',
  },
  'snapshot.badFormat': {
    en: 'not a PlanMeter snapshot: format is {found}, expected "{expected}"',
    'zh-CN': '不是 PlanMeter 快照：format 为 {found}，应为 "{expected}"',
  },
  'snapshot.newerVersion': {
    en: 'version {found} is newer than this PlanMeter reads ({expected}); update PlanMeter',
    'zh-CN': '版本 {found} 比本 PlanMeter 能读取的版本（{expected}）新；请更新 PlanMeter',
  },
  'snapshot.fieldType': {
    en: '{detail}',
    'zh-CN': '缺少该字段或类型不对：应为 {expected}（{detail}）；请用 PlanMeter 重新导出，或按此修正该字段',
  },
  'snapshot.badVersion': {
    en: 'unsupported version {found}, expected {expected}',
    'zh-CN': '不支持的版本 {found}，应为 {expected}',
  },
  // Plan JSON (the output of `parse --json`)
  'planJson.badJson': {
    en: '{path}: not valid JSON ({detail})',
    'zh-CN': '{path}：JSON 格式错误（{detail}）；请检查该位置，或重新用 "planmeter parse PAGE --json" 生成',
  },
  'planJson.bad': {
    en: '{path}: {problem}; give the output of "planmeter parse PAGE --json" (an object with a "plans" list), or the plan page itself',
    'zh-CN': '{path}：规划 JSON 有误：{problem}；请给出 "planmeter parse PAGE --json" 的输出（含 "plans" 列表的对象），或规划页面本身',
  },
  // Command line
  'cli.unknownCommand': {
    en: 'unknown command "{name}"\n\n{usage}',
    'zh-CN': '未知命令 "{name}"\n\n{usage}',
  },
  'cli.unknownOption': {
    en: 'unknown option {flag}',
    'zh-CN': '未知选项 {flag}；请查看该命令的用法',
  },
  'cli.flagNoValue': {
    en: '--{flag} takes no value',
    'zh-CN': '--{flag} 不带值；请去掉 = 及其后的内容',
  },
  'cli.flagNeedsValue': {
    en: '--{flag} needs a value',
    'zh-CN': '--{flag} 需要一个值；请在其后写上',
  },
} as const satisfies Record<string, Record<CliLocale, string>>;

export type MessageId = keyof typeof MESSAGES;

/** A param: text, a number, another message (said in the same language) or a list of snapshot problems. */
export type MessageParam = string | number | CliMessage | { problems: readonly Problem[] };

/** A catalog message and the values of its {placeholders}. */
export interface CliMessage {
  id: MessageId;
  params?: Readonly<Record<string, MessageParam>>;
}

function renderParam(value: MessageParam | MessageRef, locale: CliLocale): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if ('problems' in value) return renderProblems(value.problems, locale);
  return renderMessage(value, locale) ?? '';
}

/** The message in `locale`, its {placeholders} filled (an unknown placeholder is left as written); null for an id not in the catalog. */
export function renderMessage(message: CliMessage | MessageRef, locale: CliLocale): string | null {
  if (!Object.prototype.hasOwnProperty.call(MESSAGES, message.id)) return null;
  const template: string = MESSAGES[message.id as MessageId][locale];
  const params = message.params as Readonly<Record<string, MessageParam | MessageRef>> | undefined;
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params?.[name];
    return value === undefined ? whole : renderParam(value, locale);
  });
}

/** One problem in `locale`: English is its message as the engine wrote it; other languages use its catalog text when it has one. */
export function renderProblem(problem: Problem, locale: CliLocale): string {
  if (locale === 'en' || !problem.text) return problem.message;
  return renderMessage(problem.text, locale) ?? problem.message;
}

/** Problems one a line, indented, each with its path ("  entries[3].value: …"). */
export function renderProblems(problems: readonly Problem[], locale: CliLocale): string {
  const colon = locale === 'zh-CN' ? '：' : ': ';
  return problems.map((p) => `  ${p.path}${colon}${renderProblem(p, locale)}`).join('\n');
}
