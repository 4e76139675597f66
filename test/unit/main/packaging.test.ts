// electron-builder.yml and its beforePack hook (scripts/electron-native.mjs), read as packaging
// would: the Linux kiosk install is the .deb (no AppImage, never --no-sandbox), and the SQLite
// binding is built per target architecture rather than once for the build machine.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
// @ts-expect-error: a plain .mjs script without types
const native = (await import('../../../scripts/electron-native.mjs')) as {
  beforePack(context: { arch: number; electronPlatformName: string }): Promise<void>;
  nativeTarget(platform: string, arch: string): string;
};

describe('electron-builder.yml', () => {
  it('packages Linux as a .deb only, and never turns the sandbox off', () => {
    const linux = /^linux:\n((?: {2}.*\n|\n)*)/m.exec(yml)?.[1] ?? '';
    const targets = /target:\n((?: {4}- .*\n)+)/.exec(linux)?.[1] ?? '';
    expect(
      targets
        .trim()
        .split('\n')
        .map((line) => line.replace(/^\s*- /, '')),
    ).toEqual(['deb']);
    expect(yml).not.toMatch(/^[^#]*no-sandbox/m);
    expect(yml).not.toMatch(/^\s*executableArgs/m);
  });

  it('builds the binding in a beforePack hook and packs the one for the target architecture', () => {
    expect(yml).toMatch(/^beforePack: \.\/scripts\/electron-native\.mjs$/m);
    expect(yml).toContain('from: build/electron-native/${os}-${arch}/better-sqlite3/build/Release/better_sqlite3.node');
  });
});

describe('scripts/electron-native.mjs beforePack', () => {
  it('refuses to build another OS (native modules are built on the OS they ship for)', async () => {
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(native.beforePack({ arch: 1, electronPlatformName: other })).rejects.toThrow(/build each OS's packages on that OS/);
  });

  it("works on the architecture being packed, not the build machine's", async () => {
    // armv7l (electron-builder Arch 2) is nobody's build machine here: an up-to-date stamp for it is
    // accepted without rebuilding, which shows the hook looked in that architecture's own folder.
    const target = native.nativeTarget(process.platform, 'armv7l');
    if (existsSync(target)) return;
    const pkg = (name: string) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    mkdirSync(join(target, 'build', 'Release'), { recursive: true });
    writeFileSync(join(target, 'build', 'Release', 'better_sqlite3.node'), '');
    writeFileSync(
      join(target, '.packroom-electron-native.json'),
      JSON.stringify({
        electron: pkg('electron').version,
        betterSqlite3: pkg('better-sqlite3').version,
        platform: process.platform,
        arch: 'armv7l',
      }),
    );
    const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await native.beforePack({ arch: 2, electronPlatformName: process.platform });
      expect(logged.mock.calls.join('\n')).toMatch(
        /-armv7l[/\\]better-sqlite3[/\\]build[/\\]Release[/\\]better_sqlite3\.node is up to date/,
      );
    } finally {
      logged.mockRestore();
      rmSync(dirname(target), { recursive: true, force: true });
    }
  });
});
