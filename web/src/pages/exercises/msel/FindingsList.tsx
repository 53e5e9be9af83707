import { useTranslation } from 'react-i18next';
import type { MselFinding } from '../../../api/planningTypes';
import classes from './MselGrid.module.css';

/**
 * The server's validation findings for one row, errors first. Rules the console knows are put in the
 * reader's language by their stable id; any other keeps the server's English sentence.
 */
export function FindingsList({ findings }: { findings: MselFinding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <ul className={classes.findings}>
      {findings.map((f, i) => (
        <li key={`${f.rule}-${i}`} className={f.severity === 'error' ? classes.error : classes.warning}>
          {t(`planning.msel.severity.${f.severity}`)}:{' '}
          {t(`planning.findings.${f.rule.replace(/\./g, '_')}`, {
            number: f.number,
            defaultValue: f.message,
          })}
        </li>
      ))}
    </ul>
  );
}
