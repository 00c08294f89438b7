import { useTranslation } from 'react-i18next';
import type { Person } from '../../../electron/core/model';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { HiredOnCell, type SaveHiredOn } from './HiredOnCell';

/**
 * People as a table; with `onSetHiredOn` each 入职日期 can be changed in its cell, with `onDelete`
 * (administrators only) each row has a delete button.
 */
export function PeopleTable({
  rows,
  showAction,
  onSetHiredOn,
  onDelete,
}: {
  rows: (Person & { action?: string })[];
  showAction?: boolean;
  onSetHiredOn?: SaveHiredOn;
  onDelete?: (p: Person) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <thead>
        <tr>
          <PersonHeadCells />
          <th>{t('people.post')}</th>
          <th>{t('people.category')}</th>
          <th>{t('people.leader')}</th>
          <th>{t('people.reportLine')}</th>
          <th>{t('people.hiredOn')}</th>
          {showAction && <th>{t('roster.action')}</th>}
          {onDelete && <th />}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.employeeNo}>
            <td>{p.employeeNo}</td>
            <td>{p.name}</td>
            <td>{p.dept}</td>
            <td>{p.team}</td>
            <td>{p.post}</td>
            <td>{p.category}</td>
            <td>{p.leader ? t('common.yes') : t('common.no')}</td>
            <td>{p.level ? `${t(`people.level.${p.level}`)}${p.superior ? ` → ${p.superior}` : ''}` : p.superior ? `→ ${p.superior}` : ''}</td>
            <td data-testid="hired-on">
              <HiredOnCell person={p} onSave={onSetHiredOn} />
            </td>
            {showAction && <td>{t(`roster.actions.${p.action}`)}</td>}
            {onDelete && (
              <td>
                <button type="button" className="link danger" onClick={() => onDelete(p)}>
                  {t('roster.delete')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
