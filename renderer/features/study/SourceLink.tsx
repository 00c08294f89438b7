import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitIdInCitation } from '../../../electron/core/text-structure';
import type { DocUnits } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { hrefOf } from '../shell/route';

// One ask per document while a page of questions is shown; asked again on the next page, so an
// edition imported meanwhile is seen.
const asked = new Map<string, Promise<DocUnits | null>>();
if (typeof window !== 'undefined') window.addEventListener('hashchange', () => asked.clear());
function unitsOf(docId: string): Promise<DocUnits | null> {
  let units = asked.get(docId);
  if (!units) asked.set(docId, (units = api['corpus.units']({ docId }).catch(() => null)));
  return units;
}

/**
 * A question's 出处 as a link to the unit it names in the document's current official text. Where
 * there is no edition, or the edition has no such unit, it says so instead of linking nowhere.
 * Nothing when the 出处 names no unit (a topic, a whole document).
 */
export function SourceLink({ docId, source }: { docId: string; source: string }) {
  const { t } = useTranslation();
  const unit = docId ? unitIdInCitation(source) : null;
  const [units, setUnits] = useState<DocUnits | null | undefined>(undefined);
  useEffect(() => {
    if (!unit) return;
    let live = true;
    void unitsOf(docId).then((u) => live && setUnits(u));
    return () => {
      live = false;
    };
  }, [docId, unit]);
  if (!unit || !units) return null;
  if (!units.edition)
    return (
      <span className="muted small" data-testid="source-missing">
        {t('reader.sourceNoEdition')}
      </span>
    );
  if (!units.units.includes(unit))
    return (
      <span className="muted small" data-testid="source-missing">
        {t('reader.unitMissing', { unit })}
      </span>
    );
  return (
    <a href={hrefOf('read', docId, 'official', { unit })} data-testid="source-link">
      {t('reader.openUnit', { unit })}
    </a>
  );
}
