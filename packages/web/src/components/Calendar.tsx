import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import { Calendar as AntCalendar } from 'antd';
import type { Dayjs } from 'dayjs';
import { pickerNow } from '../today';

/** antd's Calendar whose "today" cell is the server's date, as components/DatePicker is for pickers. */
export const Calendar = AntCalendar.generateCalendar<Dayjs>({ ...dayjsGenerateConfig, getNow: pickerNow });
