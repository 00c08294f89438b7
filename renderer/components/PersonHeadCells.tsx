import { useTranslation } from 'react-i18next';

/** The header cells every table of people starts with: 工号, 姓名, 部门/车间, 班组. */
export function PersonHeadCells() {
  const { t } = useTranslation();
  return (
    <>
      <th>{t('people.employeeNo')}</th>
      <th>{t('people.name')}</th>
      <th>{t('people.dept')}</th>
      <th>{t('people.team')}</th>
    </>
  );
}
