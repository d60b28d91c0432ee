import { HealthCheck } from '../types';
import {
  describeCondition,
  findCondition,
  statusConditions,
} from './kstatusHealth';

/**
 * CustomResourceDefinition (apiextensions.k8s.io), as kstatus: NamesAccepted=False (e.g. the
 * plural is already in use) is Degraded; Established=True is Healthy; Established=False for a
 * reason other than Installing is Degraded; otherwise Progressing "Install in progress".
 */
export const customResourceDefinitionHealth: HealthCheck = object => {
  const conditions = statusConditions(object);
  const namesAccepted = findCondition(conditions, 'NamesAccepted');
  if (namesAccepted?.status === 'False') {
    return {
      status: 'Degraded',
      message: describeCondition(
        namesAccepted,
        'The CRD names are not accepted',
      ),
    };
  }
  const established = findCondition(conditions, 'Established');
  if (established?.status === 'True') {
    return { status: 'Healthy', message: 'CRD is established' };
  }
  if (established?.status === 'False' && established.reason !== 'Installing') {
    return {
      status: 'Degraded',
      message: describeCondition(established, 'The CRD is not established'),
    };
  }
  return { status: 'Progressing', message: 'Install in progress' };
};
