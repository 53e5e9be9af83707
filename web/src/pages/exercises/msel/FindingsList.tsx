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
      {findings.map((f, i) => {
        const text = `${t(`planning.msel.severity.${f.severity}`)}: ${t(
          `planning.findings.${f.rule.replace(/\./g, '_')}`,
          { number: f.number, defaultValue: f.message },
        )}`;
        // Clamped to two lines in the grid; the whole sentence shows on hover.
        return (
          <li
            key={`${f.rule}-${i}`}
            title={text}
            className={`${classes.clamp} ${f.severity === 'error' ? classes.error : classes.warning}`}
          >
            {text}
          </li>
        );
      })}
    </ul>
  );
}
