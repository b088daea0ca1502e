import { WpsHost } from '../../../src/hosts/wps/host';
import { BUILTIN, readSnapshot, STANDARD_FORMS } from '../../../src/forms';
import { render } from '../../../src/layouts';
import { defaultPageSetup, FakeWorkbook } from '../../../src/preview/fake';
import { createEtApplication, EtComError, EtPageSetup } from '../../../src/preview/et';
import { loadFixtures } from '../../support/helpers';

// The WPS host's page setup: what it sets, and an insert that survives a PageSetup WPS refuses.

const decl = loadFixtures().find((f) => f.decl.kind === 'project')!.decl;
const plan = render(STANDARD_FORMS.project, decl);

function setup(): { wb: FakeWorkbook; host: WpsHost } {
  const wb = new FakeWorkbook();
  wb.addSheet('Sheet1');
  return { wb, host: new WpsHost(createEtApplication(wb)) };
}

test('PageSetup is the plan’s: A4 portrait one page wide, print area, repeated header, page numbers', async () => {
  const { wb, host } = setup();
  await host.write(plan);
  const p = plan.sheets[0].print;
  expect(wb.sheet(plan.sheets[0].name).pageSetup).toEqual({
    orientation: 'Portrait',
    paperSize: 'A4',
    fit: true,
    fitWide: 1,
    fitTall: 0,
    scale: 100,
    margins: p.margins,
    centerHorizontally: true,
    printArea: { r1: 0, c1: 0, r2: p.area.r2 - 1, c2: p.area.c2 - 1 },
    titleRows: { r1: p.titleRows!.r1 - 1, r2: p.titleRows!.r2 - 1 },
    centerFooter: '第 &P 页，共 &N 页',
  });
});

test('where WPS refuses the page setup (no printer), the declaration is still inserted whole', async () => {
  const { wb, host } = setup();
  const spy = jest.spyOn(EtPageSetup.prototype, 'PaperSize', 'set').mockImplementation(() => {
    throw new EtComError('failed', 'PageSetup.PaperSize', 'no printer');
  });
  try {
    await host.write(plan);
  } finally {
    spy.mockRestore();
  }
  expect(readSnapshot(await host.read(), BUILTIN).declaration).toEqual(decl);
  await expect(host.readStamp()).resolves.toEqual(plan.stamp);
  expect(wb.sheet(plan.sheets[0].name).pageSetup).toEqual(defaultPageSetup());
});
