import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceHandler } from './attendance/attendance.handler';
import { ContactAges } from './measures/contact-ages';
import { MeasuresController } from './measures/measures.controller';
import { MeasuresReports } from './measures/measures.service';
import { OutcomesController } from './outcomes/outcomes.controller';
import { OutcomesHandler } from './outcomes/outcomes.handler';
import { WaitingTimesController } from './waiting-times/waiting-times.controller';
import { WaitingTimesHandler } from './waiting-times/waiting-times.handler';

@Module({
  imports: [CqrsModule],
  controllers: [WaitingTimesController, OutcomesController, AttendanceController, MeasuresController],
  providers: [WaitingTimesHandler, OutcomesHandler, AttendanceHandler, MeasuresReports, ContactAges],
})
export class ReportsModule {}
