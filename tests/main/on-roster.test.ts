// The roster index of the hot paths (services/roster/on-roster.ts) answers as the roster is now:
// after the roster changes, never from the index of the roster before.
import { afterEach, describe, expect, it } from 'vitest';
import { onRoster } from '../../electron/main/services/roster/on-roster';
import { makeApp, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp | null = null;
afterEach(() => {
  app?.close();
  app = null;
});

describe('a person on the roster by 工号', () => {
  it('follows every change of the roster: a new category, a person added, a person gone', async () => {
    app = makeApp();
    await seeded(app);
    expect((await onRoster(app.ports, 'E002'))?.category).toBe('特种作业人员');
    expect(await onRoster(app.ports, 'N001')).toBeNull();
    await app.ports.store.roster.update((f) => {
      f.people.find((p) => p.employeeNo === 'E002')!.category = '安全管理人员';
      f.people.push({ ...f.people[0]!, employeeNo: 'N001', name: '新人' });
      f.people = f.people.filter((p) => p.employeeNo !== 'E003');
    });
    expect((await onRoster(app.ports, 'E002'))?.category).toBe('安全管理人员');
    expect((await onRoster(app.ports, 'N001'))?.name).toBe('新人');
    expect(await onRoster(app.ports, 'E003')).toBeNull();
  });
});
