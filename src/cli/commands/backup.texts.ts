import type { MessageLang } from '../../core/messages/messages.js';
import type { BackupResult } from '../../store/backup/backup-file.js';

/** What `dabyl backup` and `dabyl restore` say to a person, in each language. */
export interface BackupWords {
  backup: string;
  backupFile: string;
  force: string;
  restore: string;
  restoreFile: string;
  backupBar: string;
  restoreBar: string;
  backedUp: (r: BackupResult) => string;
  restored: (r: BackupResult) => string;
  exists: (file: string) => string;
  nothingToBackUp: (dataDir: string) => string;
  absent: (file: string) => string;
}

export const BACKUP_WORDS: Readonly<Record<MessageLang, BackupWords>> = {
  en: {
    backup:
      'copy the configured database to FILE while it runs (SQLite: online backup; PostgreSQL: pg_dump of its schema)',
    backupFile: 'where to write the backup',
    force: 'replace FILE if it exists',
    restore:
      'replace the configured database with a backup made by dabyl backup; every server must be stopped first',
    restoreFile: 'the backup to restore',
    backupBar: 'backup',
    restoreBar: 'restore',
    backedUp: (r) => `backed up ${r.source} to ${r.file} (${r.engine}, ${r.bytes} bytes)`,
    restored: (r) => `restored ${r.source} from ${r.file} (${r.engine}, ${r.bytes} bytes)`,
    exists: (file) => `${file} exists; pass --force to replace it`,
    nothingToBackUp: (dataDir) => `there is no database to back up in ${dataDir}`,
    absent: (file) => `${file} does not exist`,
  },
  kk: {
    backup:
      'бапталған дерекқорды жұмыс үстінде FILE файлына көшіру (`SQLite`: жұмыс кезіндегі көшірме; `PostgreSQL`: схемасының `pg_dump` көшірмесі)',
    backupFile: 'сақтық көшірме қайда жазылады',
    force: 'FILE бар болса, оны ауыстыру',
    restore:
      'бапталған дерекқорды `dabyl backup` жасаған сақтық көшірмемен ауыстыру; алдымен барлық серверді тоқтату керек',
    restoreFile: 'қалпына келтірілетін сақтық көшірме',
    backupBar: 'сақтық көшірме',
    restoreBar: 'қалпына келтіру',
    backedUp: (r) => `${r.source} көшірмесі ${r.file} файлына жазылды (${r.engine}, ${r.bytes} байт)`,
    restored: (r) => `${r.source} ${r.file} файлынан қалпына келтірілді (${r.engine}, ${r.bytes} байт)`,
    exists: (file) => `${file} бар; ауыстыру үшін --force беріңіз`,
    nothingToBackUp: (dataDir) => `${dataDir} ішінде көшірілетін дерекқор жоқ`,
    absent: (file) => `${file} жоқ`,
  },
  ru: {
    backup:
      'скопировать настроенную базу данных в FILE, не останавливая её (`SQLite`: резервное копирование на ходу; `PostgreSQL`: `pg_dump` её схемы)',
    backupFile: 'куда записать резервную копию',
    force: 'заменить FILE, если он существует',
    restore:
      'заменить настроенную базу данных резервной копией, сделанной `dabyl backup`; сначала остановите все серверы',
    restoreFile: 'восстанавливаемая резервная копия',
    backupBar: 'резервная копия',
    restoreBar: 'восстановление',
    backedUp: (r) => `копия ${r.source} записана в ${r.file} (${r.engine}, байт: ${r.bytes})`,
    restored: (r) => `${r.source} восстановлена из ${r.file} (${r.engine}, байт: ${r.bytes})`,
    exists: (file) => `${file} уже существует; чтобы заменить его, передайте --force`,
    nothingToBackUp: (dataDir) => `в ${dataDir} нет базы данных для копирования`,
    absent: (file) => `${file} не существует`,
  },
};
