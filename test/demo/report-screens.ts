// `npx tsx test/demo/report-screens.ts`: the pictures of the documents staff
// hand in, for the README — the 台账 .xlsx and the .docx report as the
// dashboard's own buttons make them (rendered by LibreOffice, then pdftoppm),
// and the dashboard's A4 print (Chromium's page.pdf). Needs `npm run build:chrome`,
// and libreoffice + poppler-utils (apt-get install libreoffice-calc-nogui
// libreoffice-writer-nogui poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { allPages } from '../e2e/pages.ts';
import { launchWithExtension, sendFromExtensionPage, startServer } from '../e2e/harness.ts';
import { allSeedPlans } from '../e2e/expected.ts';

const OUT = resolve(import.meta.dirname, 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'pm-report-screens-'));

function day(offset: number): string {
  return new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
}

/** First page of a PDF as a PNG, `width` pixels wide. */
function firstPage(pdf: string, name: string, width = 1100): string {
  const stem = join(work, name.replace(/\.png$/u, ''));
  execFileSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-singlefile', '-scale-to-x', String(width), '-scale-to-y', '-1', pdf, stem]);
  const path = join(OUT, name);
  renameSync(`${stem}.png`, path);
  return path;
}

function officeToPdf(file: string): string {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/lo-profile`, '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'ignore', timeout: 180_000 });
  return file.replace(/\.(xlsx|docx)$/u, '.pdf');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer(allPages().slice(0, 1));
  const browser = await launchWithExtension({ port: server.port, viewport: { width: 1400, height: 1000 } });
  try {
    const plan = (await allSeedPlans()).find((p) => p.title.startsWith('光明区2025年'))!;
    const dash = await browser.context.newPage();
    await dash.goto(`chrome-extension://${browser.extensionId}/dashboard.html?plan=${plan.id}`);
    await dash.waitForFunction(() => document.querySelectorAll('[data-pm-plan-link]').length > 0, undefined, { timeout: 60_000 });
    const people = ['王敏', '李强', '陈静', '刘洋'];
    const shares = [1.05, 0.8, 0.35, 0.6, 0.15, 0.95, 0.5, 0.25];
    for (const [i, m] of plan.measures.slice(0, 40).entries()) {
      if (i % 4 === 3) continue; // some measures stay without entries
      const t = m.targets.find((x) => x.value !== undefined);
      const share = shares[i % shares.length]!;
      const base = { id: `shot-${m.id}`, planId: plan.id, measureId: m.id, date: day(40 - i), updatedAt: new Date(Date.now() - (40 - i) * 86_400_000).toISOString(), reporter: people[i % people.length], ...(i % 3 === 0 ? { source: { docNumber: `光营商办〔2025〕${i + 1}号` } } : {}) };
      const entry = t ? { ...base, kind: 'value', targetId: t.id, value: Math.round(t.value! * share), unit: t.unit } : { ...base, kind: 'status', milestone: (['推进中', '基本完成', '已完成', '推进中', '未启动'] as const)[i % 5] };
      await sendFromExtensionPage(dash, 'entry.put', { entry });
    }
    await dash.reload();
    await dash.locator('[data-pm-report=""]').waitFor({ timeout: 60_000 });
    await dash.waitForTimeout(800);
    const save = async (kind: string) => {
      const [download] = await Promise.all([dash.waitForEvent('download'), dash.locator(`[data-pm-report=""] [data-pm-export="${kind}"]`).click()]);
      const path = join(work, `report.${kind}`);
      await download.saveAs(path);
      console.log(`${kind}: ${download.suggestedFilename()}`);
      return path;
    };
    const xlsx = await save('xlsx');
    const docx = await save('docx');
    const shots = [firstPage(officeToPdf(xlsx), 'ledger-xlsx.png', 1400), firstPage(officeToPdf(docx), 'report-docx.png', 900)];
    const pdf = join(work, 'print.pdf');
    writeFileSync(pdf, await dash.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    shots.push(firstPage(pdf, 'print.png', 900));
    for (const s of shots) console.log(`saved ${s}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
