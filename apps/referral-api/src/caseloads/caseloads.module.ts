import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DirectoryModule } from '../directory/directory.module';
import { GetCaseloadController } from './get-caseload/get-caseload.controller';
import { GetCaseloadHandler } from './get-caseload/get-caseload.handler';
import { ListCaseloadsController } from './list-caseloads/list-caseloads.controller';
import { ListCaseloadsHandler } from './list-caseloads/list-caseloads.handler';

@Module({
  imports: [CqrsModule, DirectoryModule],
  controllers: [ListCaseloadsController, GetCaseloadController],
  providers: [GetCaseloadHandler, ListCaseloadsHandler],
})
export class CaseloadsModule {}
