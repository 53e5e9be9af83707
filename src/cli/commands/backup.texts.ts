import type { MessageLang } from '../../core/messages/messages.js';
import type { BackupResult, BackupSentence } from '../../store/backup/backup-file.js';

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

/**
 * Why a backup or a restore was refused, in Kazakh and Russian, each with the values its English
 * sentence names; English prints the refusal's own message.
 */
export const BACKUP_REFUSALS: Readonly<Record<'kk' | 'ru', Readonly<Record<BackupSentence, string>>>> = {
  kk: {
    unreadable: '{file} оқылмады: {error}',
    'not-a-backup':
      '{file} Дабылдың сақтық көшірмесі емес (`SQLite` дерекқоры да, `pg_dump` `custom` пішіміндегі мұрағат та емес)',
    'engine-differs-url-set':
      '{file} — {engine} сақтық көшірмесі, ал бапталған дерекқор — {target} (DABYL_DATABASE_URL орнатылған); оны {engine} бапталған жерде қалпына келтіріңіз',
    'engine-differs-url-unset':
      '{file} — {engine} сақтық көшірмесі, ал бапталған дерекқор — {target} (DABYL_DATABASE_URL орнатылмаған); оны {engine} бапталған жерде қалпына келтіріңіз',
    'in-memory': 'жадтағы дерекқордың сақтық көшірмесін жасау мүмкін емес',
    'backup-failed': '{file} сақтық көшірмесін жасау сәтсіз аяқталды: {error}',
    unopenable: '{file} ашылмады: {error}',
    damaged: '{file} бүлінген: {error}',
    'not-dabyl-sqlite': '{file} — `SQLite` дерекқоры, бірақ Дабылдікі емес',
    newer:
      '{file} Дабылдың жаңарақ нұсқасынан алынған (мұнда {migrations} миграциясы белгісіз); Дабылды жаңартып, содан кейін қалпына келтіріңіз',
    'copy-failed': '{file} көшірілмеді: {error}',
    'file-in-use':
      '{file} пайдаланылып жатыр (жұмыс істеп тұрған `dabyl serve` не басқа процесс); оны тоқтатып, содан кейін қалпына келтіріңіз',
    'opened-meanwhile': 'қалпына келтіру кезінде {file} файлын басқа процесс ашты; қайталап көріңіз',
    'tool-missing':
      '{tool} қажет, бірақ табылмады: `PostgreSQL` {server} клиент құралдарын орнатыңыз (`Debian`: `apt-get install postgresql-client-{server}`)',
    'tool-version':
      '{tool} нұсқасы — {version}, ал сервер — `PostgreSQL` {server}: `PostgreSQL` {server} клиент құралдарын пайдаланыңыз (`Debian`: `postgresql-client-{server}`; немесе олардың `bin` қалтасын `PATH` ішінде бірінші қойыңыз)',
    'no-schema': 'іздеу жолында (`search_path`) аталған схема жоқ',
    'no-tables': '{location} дерекқорындағы {schema} схемасында көшірілетін кесте жоқ',
    'dump-failed': '`pg_dump` сәтсіз аяқталды: {error}',
    'unreadable-archive': '{file} — оқылатын `pg_dump` мұрағаты емес: {error}',
    'not-dabyl-archive': '{file} — `pg_dump` мұрағаты, бірақ Дабыл дерекқорынікі емес',
    'schema-differs':
      '{file} ішінде {schema} схемасы бар; бапталған дерекқор {configured} схемасын пайдаланады',
    'rolled-back': 'қалпына келтіру кері қайтарылды, дерекқор бұрынғы күйінде: {error}',
    'schema-in-use':
      '{location} дерекқорындағы {schema} схемасын жұмыс істеп тұрған `dabyl serve` пайдаланып жатыр; барлық серверді тоқтатып, содан кейін қалпына келтіріңіз',
  },
  ru: {
    unreadable: 'не удаётся прочитать {file}: {error}',
    'not-a-backup':
      '{file} — не резервная копия Дабыла (ни база данных `SQLite`, ни архив `pg_dump` в формате `custom`)',
    'engine-differs-url-set':
      '{file} — резервная копия {engine}, а настроенная база данных — {target} (DABYL_DATABASE_URL задан); восстановите её там, где настроена база данных {engine}',
    'engine-differs-url-unset':
      '{file} — резервная копия {engine}, а настроенная база данных — {target} (DABYL_DATABASE_URL не задан); восстановите её там, где настроена база данных {engine}',
    'in-memory': 'базу данных в памяти нельзя скопировать',
    'backup-failed': 'не удалось сделать резервную копию {file}: {error}',
    unopenable: 'не удаётся открыть {file}: {error}',
    damaged: '{file} повреждён: {error}',
    'not-dabyl-sqlite': '{file} — база данных `SQLite`, но не Дабыла',
    newer:
      '{file} сделан более новой версией Дабыла (миграция {migrations} здесь неизвестна); обновите Дабыл, затем восстановите',
    'copy-failed': 'не удалось скопировать {file}: {error}',
    'file-in-use':
      '{file} занят (работает `dabyl serve` или другой процесс); остановите его, затем восстановите',
    'opened-meanwhile': 'во время восстановления {file} открыл другой процесс; попробуйте ещё раз',
    'tool-missing':
      'нужен {tool}, но он не найден: установите клиентские программы `PostgreSQL` {server} (`Debian`: `apt-get install postgresql-client-{server}`)',
    'tool-version':
      '{tool} версии {version}, а сервер — `PostgreSQL` {server}: используйте клиентские программы `PostgreSQL` {server} (`Debian`: `postgresql-client-{server}`; или поставьте их папку `bin` первой в `PATH`)',
    'no-schema': 'схема, названная в пути поиска (`search_path`), не существует',
    'no-tables': 'в схеме {schema} на {location} нет таблиц для копирования',
    'dump-failed': '`pg_dump` завершился с ошибкой: {error}',
    'unreadable-archive': '{file} — не читаемый архив `pg_dump`: {error}',
    'not-dabyl-archive': '{file} — архив `pg_dump`, но не базы данных Дабыла',
    'schema-differs': 'в {file} схема {schema}, а настроенная база данных использует схему {configured}',
    'rolled-back': 'восстановление отменено, база данных осталась прежней: {error}',
    'schema-in-use':
      'схему {schema} на {location} использует работающий `dabyl serve`; остановите все серверы, затем восстановите',
  },
};
