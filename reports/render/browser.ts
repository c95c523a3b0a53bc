/**
 * Finding and starting the browser that prints andel's documents.
 *
 * Puppeteer is imported here and only here, and only when a browser is
 * actually needed (a dynamic `import()`), so that every CLI command that does
 * not write a document starts without paying for it.
 */
import { accessSync, constants as fsConstants, existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { RenderError, t } from '../../models/errors.js';
import { isProcessAlive } from './atomic-write.js';

/** Where a browser was found, and by which rule. */
export interface FoundBrowser {
  /** Absolute path of the executable. */
  readonly executablePath: string;
  /** Which rule found it, in the order they are tried. */
  readonly source: 'env' | 'system' | 'path';
}

/** What {@link findBrowser} looks at; every part can be replaced in a test. */
export interface FindBrowserOptions {
  /** Environment variables; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Debian's browser; defaults to `/usr/bin/chromium`. */
  readonly systemPath?: string;
  /** Names looked up on `PATH`, in order; defaults to Google Chrome's, then Chromium's. */
  readonly pathNames?: readonly string[];
}

const INSTALL_HINT = t(
  'Installera Chromium (Debian/Ubuntu: `apt-get install chromium`) eller ange sökvägen till en Chrome/Chromium i miljövariabeln PUPPETEER_EXECUTABLE_PATH.',
  'Install Chromium (Debian/Ubuntu: `apt-get install chromium`) or set the environment variable PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium executable.',
);

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a Chrome or Chromium to print with, trying in order:
 * `PUPPETEER_EXECUTABLE_PATH`, `/usr/bin/chromium`, then Google Chrome or
 * Chromium on `PATH`. andel drives the browser with puppeteer-core, which
 * downloads none: installing andel fetches nothing outside the registry.
 *
 * @throws RenderError `E_NO_BROWSER` with what to install when none is found,
 *   or when `PUPPETEER_EXECUTABLE_PATH` names a file that is not there (a
 *   setting the user made is never ignored silently).
 * @example
 * ```ts
 * const { executablePath } = await findBrowser();
 * ```
 */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const fromEnv = env['PUPPETEER_EXECUTABLE_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return { executablePath: fromEnv, source: 'env' };
    throw new RenderError(
      t(
        `PUPPETEER_EXECUTABLE_PATH pekar på ${fromEnv}, men där finns ingen körbar webbläsare. Rätta sökvägen eller ta bort variabeln.`,
        `PUPPETEER_EXECUTABLE_PATH points to ${fromEnv}, but there is no executable browser there. Fix the path or unset the variable.`,
      ),
      'E_NO_BROWSER',
    );
  }
  const system = options.systemPath ?? '/usr/bin/chromium';
  if (isExecutable(system)) return { executablePath: system, source: 'system' };
  const names = options.pathNames ?? ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser'];
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && isExecutable(candidate)) return { executablePath: candidate, source: 'path' };
    }
  }
  throw new RenderError(
    t(`Hittar ingen webbläsare att skriva PDF med. ${INSTALL_HINT.sv}`, `No browser found to print PDFs with. ${INSTALL_HINT.en}`),
    'E_NO_BROWSER',
  );
}

/**
 * Command-line flags for a headless browser that runs as root in a sandbox
 * without network: no Chrome sandbox (it refuses to start as root), no GPU,
 * and none of the background traffic a desktop browser makes on its own
 * (component updates, sync, QUIC probing, first-run pages). Puppeteer adds
 * its own defaults to these (among them `--headless=new`, the mode a plain
 * `--headless` selects in current Chromium, `--export-tagged-pdf` and
 * `--generate-pdf-document-outline`).
 */
export const BROWSER_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--disable-extensions',
  // Containers often give /dev/shm only 64 MB; a long batch would crash tabs.
  '--disable-dev-shm-usage',
  // The same glyph positions on every machine, whatever its fontconfig says.
  '--font-render-hinting=none',
  // Not here: --disable-crashpad-for-testing. It is the only switch that keeps
  // Chromium 156 from starting chrome_crashpad_handler (Puppeteer's
  // --disable-crash-reporter and --disable-breakpad do not), but with it a
  // page whose iframe is refused never finishes loading. The handler exits
  // with the browser, and the browser exits with this process (see launchBrowser).
];

/** The start of a profile folder's name; the owning process id follows (`andel-chromium-<pid>-XXXXXX`). */
export const PROFILE_PREFIX = 'andel-chromium-';

/**
 * Removes the browser profile folders that runs killed outright (SIGKILL,
 * a power cut) left in `dir`: those named for a process that no longer
 * runs. A folder of a live run, or one without a process id in its name,
 * is left alone.
 *
 * @returns the folders removed.
 */
export async function removeStaleProfiles(dir: string = tmpdir()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const m = /^andel-chromium-(\d+)-/.exec(name);
    return m !== null && !isProcessAlive(Number(m[1]));
  });
  await Promise.all(stale.map((name) => rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined)));
  return stale.map((name) => join(dir, name));
}

/** A running browser and how to stop it cleanly. */
export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly executablePath: string;
  /** The process id, while the process runs. */
  readonly pid: number | undefined;
  /** Closes the browser (killing it if it does not answer) and removes its profile folder. */
  close(): Promise<void>;
}

/** Options of {@link launchBrowser}. */
export interface LaunchBrowserOptions {
  /** The executable; found with {@link findBrowser} when absent. */
  readonly executablePath?: string;
  /** How long a single DevTools call may take before it fails, in ms. */
  readonly protocolTimeoutMs?: number;
}

/**
 * Starts a headless browser with {@link BROWSER_ARGS} and a fresh, empty
 * profile in a temporary folder, so that no state leaks from one run to the
 * next (cache, cookies) and nothing is left behind.
 *
 * The browser dies with this process: it is driven over a pipe (Puppeteer's
 * `pipe: true`), and Chromium shuts down when the pipe closes, which the
 * kernel does even when this process is killed with SIGKILL and no handler
 * runs; Chromium's crash handler (chrome_crashpad_handler, which runs outside
 * the browser's process group) exits with the browser. The profile folder of
 * such a run cannot be removed by the run
 * itself; it is named for the run's process id, and the next launch removes
 * the folders of runs that are gone ({@link removeStaleProfiles}).
 *
 * @throws RenderError `E_NO_BROWSER` when no browser is found,
 *   `E_BROWSER_LAUNCH` when it is found but does not start.
 */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const executablePath = options.executablePath ?? (await findBrowser()).executablePath;
  const { default: puppeteer } = await import('puppeteer-core');
  await removeStaleProfiles();
  const userDataDir = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      userDataDir,
      args: [...BROWSER_ARGS],
      protocolTimeout: options.protocolTimeoutMs ?? 120_000,
      // The CLI handles signals itself (it must remove temporary files first).
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (cause) {
    await rm(userDataDir, { recursive: true, force: true });
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new RenderError(
      t(`Webbläsaren ${executablePath} startade inte: ${reason}`, `The browser ${executablePath} did not start: ${reason}`),
      'E_BROWSER_LAUNCH',
    );
  }
  const pid = browser.process()?.pid;
  let closed: Promise<void> | undefined;
  return {
    browser,
    executablePath,
    pid,
    close(): Promise<void> {
      closed ??= (async () => {
        try {
          if (browser.connected) await browser.close();
        } catch {
          // A browser that no longer answers is killed; its profile is removed below either way.
          browser.process()?.kill('SIGKILL');
        }
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
      })();
      return closed;
    },
  };
}
